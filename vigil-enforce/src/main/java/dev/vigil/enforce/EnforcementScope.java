package dev.vigil.enforce;

import java.util.List;

/**
 * Where an enforcement point may act: the network namespaces it may change (the host's own only
 * when the list says {@value #HOST}) and the interfaces whose traffic it may filter. Anything
 * outside is refused before a command runs; inside, the ruleset itself returns early for traffic
 * that neither enters nor leaves through an allowed interface.
 *
 * @param namespaces network namespaces by name ({@code ip netns}), or {@value #HOST}
 * @param interfaces interface names; empty means every interface of an allowed namespace
 */
public record EnforcementScope(List<String> namespaces, List<String> interfaces) {

    /** The name that stands for the host's own network namespace. */
    public static final String HOST = "host";

    public EnforcementScope {
        namespaces = List.copyOf(namespaces);
        interfaces = List.copyOf(interfaces);
        for (String i : interfaces) {
            if (!i.matches("[A-Za-z0-9_.:@-]{1,15}")) {
                throw new IllegalArgumentException("'" + i + "' is not an interface name (at most 15 characters)");
            }
        }
        for (String n : namespaces) {
            if (!n.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("'" + n + "' is not a network namespace name");
            }
        }
    }

    /**
     * Refuses a namespace outside the scope.
     *
     * @param netns the namespace to act in, or null for the host's
     */
    public void check(String netns) throws EnforcementException {
        String n = netns == null ? HOST : netns;
        if (!namespaces.contains(n)) {
            throw new EnforcementException("refused: network namespace '" + n + "' is outside the enforcement scope "
                    + (namespaces.isEmpty() ? "(none is allowed)" : "(allowed: " + String.join(", ", namespaces) + ")"));
        }
    }
}
