package io.lucid.command.security;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import org.axonframework.common.Priority;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

/**
 * Lets an Axon handler declare a {@link Principal} parameter, read from the command's metadata
 * ({@link Principal#metaData()}). A command without that metadata does not match such a handler, so a sender
 * that forgets to say who it acts for fails closed instead of acting with unchecked rights. Found by Axon's
 * classpath lookup (META-INF/services), so it works in the application and in aggregate test fixtures alike.
 */
@Priority(Priority.HIGH)
public final class PrincipalParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<Principal> createInstance(Executable executable, Parameter[] parameters, int index) {
        if (!Principal.class.equals(parameters[index].getType())) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public Principal resolveParameterValue(Message<?> message) {
                return Principal.fromMetaData(message.getMetaData());
            }

            @Override
            public boolean matches(Message<?> message) {
                return Principal.fromMetaData(message.getMetaData()) != null;
            }
        };
    }
}
