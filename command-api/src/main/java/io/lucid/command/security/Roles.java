package io.lucid.command.security;

/**
 * The roles of DOMAIN.md section 7, as they appear in a token's {@code roles} claim and in {@code @Secured}.
 * ADMIN may do everything, so every {@code @Secured} list names it.
 */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String OPERATOR = "OPERATOR";
    public static final String NODE = "NODE";
    public static final String DEVICE = "DEVICE";
    public static final String AUDITOR = "AUDITOR";

    /** Not a token role: the principal of commands the service issues itself (sweeps, process managers). */
    public static final String SYSTEM = "SYSTEM";

    private Roles() {
    }
}
