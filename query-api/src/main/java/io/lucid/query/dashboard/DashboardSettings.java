package io.lucid.query.dashboard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The dashboard's settings ({@code lucid.dashboard.*}).
 *
 * @param commandApiUrl where the page starts pairings ({@code LUCID_DASHBOARD_COMMAND_API_URL}); command-api must
 *                      allow this service's origin (its {@code LUCID_CORS_ORIGINS})
 * @param devToken      a token the page is prefilled with ({@code LUCID_DASHBOARD_DEV_TOKEN}): a development setting,
 *                      set by the embedded stack only, and handed to loopback callers only
 */
@ConfigurationProperties("lucid.dashboard")
public record DashboardSettings(
        @Bindable(defaultValue = "http://127.0.0.1:8080") String commandApiUrl,
        @Nullable String devToken) {

    public DashboardSettings {
        devToken = devToken == null || devToken.isBlank() ? null : devToken.trim();
    }
}
