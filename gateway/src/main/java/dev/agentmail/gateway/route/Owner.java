package dev.agentmail.gateway.route;

/** The service that serves a route. {@link #NONE}: a feature of the API that no service of the suite has yet. */
public enum Owner {
    AUTH_SERVICE("auth-service"),
    INBOX_SERVICE("inbox-service"),
    THREAD_SERVICE("thread-service"),
    NONE("no service");

    private final String serviceName;

    Owner(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
