package dev.agentmail.auth.apikey;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.ScopeType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A key's permission whitelist, AgentMail's way: absent means everything the key's scope allows; present means
 * only the flags set to true. Stored as the names of the granted flags, or null for "absent".
 */
public final class Permissions {

    private final Set<Permission> granted;

    private Permissions(Set<Permission> granted) {
        this.granted = granted;
    }

    public static Permissions unrestricted() {
        return new Permissions(null);
    }

    /**
     * Reads the wire object ({@code {"message_read": true, ...}}); {@code null} is unrestricted. An unknown flag
     * is a 400 naming it, not silently ignored: a typo must not widen or narrow a key unnoticed.
     */
    public static Permissions fromWire(Map<String, Boolean> flags) {
        if (flags == null) {
            return unrestricted();
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (Map.Entry<String, Boolean> flag : flags.entrySet()) {
            Permission permission = Permission.fromWireName(flag.getKey()).orElseThrow(() ->
                    ApiException.invalidField("permissions." + flag.getKey(), "is not a known permission"));
            if (Boolean.TRUE.equals(flag.getValue())) {
                granted.add(permission);
            }
        }
        return new Permissions(granted);
    }

    /** From the stored column: the granted flags' names, or null for unrestricted. */
    public static Permissions fromStored(String[] names) {
        if (names == null) {
            return unrestricted();
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            Permission.fromWireName(name).ifPresent(granted::add);
        }
        return new Permissions(granted);
    }

    public boolean isUnrestricted() {
        return granted == null;
    }

    /** What a key with this whitelist can do at {@code scope}. */
    public Set<Permission> effectiveAt(ScopeType scope) {
        Set<Permission> effective = Permission.allowedAtScope(scope);
        if (granted != null) {
            effective.retainAll(granted);
        }
        return effective;
    }

    /** The column value: granted names, sorted, or null. */
    public String[] toStored() {
        return granted == null ? null : granted.stream().map(Permission::wireName).sorted().toArray(String[]::new);
    }

    /** The wire object: the granted flags set to true, or absent. */
    public Optional<Map<String, Boolean>> toWire() {
        if (granted == null) {
            return Optional.empty();
        }
        Map<String, Boolean> flags = new LinkedHashMap<>();
        granted.forEach(permission -> flags.put(permission.wireName(), true));
        return Optional.of(Collections.unmodifiableMap(flags));
    }

    public static Set<String> names(Set<Permission> permissions) {
        return permissions.stream().map(Permission::wireName).collect(Collectors.toCollection(TreeSet::new));
    }
}
