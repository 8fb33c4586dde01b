package dev.faultline.spring.boot;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code faultline.*} Spring property names the starter knows (every core key in kebab case,
 * {@code faultline.enabled}, and the starter's own groups {@code logback}, {@code health},
 * {@code endpoint}, {@code shutdown}), and the names an application sets that are none of them:
 * a misspelt key would otherwise be ignored without a word. System properties and environment
 * variables are left to Faultline, which reports their unknown keys itself.
 */
final class SpringKeys {
    /** The starter's own nested groups and the classes that hold their settings. */
    static final Map<String, Class<?>> GROUPS = Map.of(
            "logback", FaultlineProperties.Logback.class,
            "health", FaultlineProperties.Health.class,
            "endpoint", FaultlineProperties.Endpoint.class,
            "shutdown", FaultlineProperties.Shutdown.class);
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("faultline");

    private SpringKeys() {}

    /** One name set in the application's configuration that the starter does not know. */
    record Unknown(ConfigurationPropertyName name, String value, String origin, boolean starterGroup) {}

    /** Every known name in kebab case: {@code faultline.warn-limit}, {@code faultline.logback.replay-lines}, ... */
    static List<String> known(List<String> coreKeys) {
        List<String> out = new ArrayList<>();
        out.add("faultline.enabled");
        for (String k : coreKeys) {
            out.add("faultline." + k.replace('_', '-'));
        }
        for (Map.Entry<String, Class<?>> g : GROUPS.entrySet()) {
            for (PropertyDescriptor p : BeanUtils.getPropertyDescriptors(g.getValue())) {
                if (p.getWriteMethod() != null) {
                    out.add("faultline." + g.getKey() + "." + kebab(p.getName()));
                }
            }
        }
        return out;
    }

    /**
     * The {@code faultline.*} names set in {@code environment}'s property sources (application
     * files, profiles, command-line arguments, test properties; not system properties or
     * environment variables) that are none of {@code known}, each once, in precedence order.
     */
    static List<Unknown> unknown(ConfigurableEnvironment environment, List<String> known) {
        List<ConfigurationPropertyName> knownNames = new ArrayList<>();
        for (String k : known) {
            knownNames.add(ConfigurationPropertyName.of(k));
        }
        Map<ConfigurationPropertyName, Unknown> found = new LinkedHashMap<>();
        for (PropertySource<?> ps : environment.getPropertySources()) {
            String n = ps.getName();
            if (n.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                    || n.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                    || n.equals("configurationProperties")) {
                continue;
            }
            ConfigurationPropertySource source = ConfigurationPropertySource.from(ps);
            if (!(source instanceof IterableConfigurationPropertySource)) {
                continue;
            }
            ((IterableConfigurationPropertySource) source).stream().filter(ROOT::isAncestorOf).forEach(name -> {
                if (found.containsKey(name) || knownNames.contains(name)) {
                    return;
                }
                ConfigurationProperty p = source.getConfigurationProperty(name);
                String value = p == null || p.getValue() == null ? null : String.valueOf(p.getValue());
                String origin = p == null || p.getOrigin() == null ? "" : " from " + p.getOrigin();
                boolean group = name.getNumberOfElements() > 2
                        || GROUPS.containsKey(name.getElement(1, ConfigurationPropertyName.Form.DASHED))
                        || name.getElement(1, ConfigurationPropertyName.Form.UNIFORM).equals("enabled");
                found.put(name, new Unknown(name, value, "Spring property " + name + origin, group));
            });
        }
        return new ArrayList<>(found.values());
    }

    /** The known name nearest to {@code name} (a few edits away, ignoring case and '-'), or null. */
    static String nearest(ConfigurationPropertyName name, List<String> known) {
        String n = name.toString().replace("-", "");
        int limit = Math.min(3, Math.max(1, n.length() / 6));
        String best = null;
        int bestDistance = limit + 1;
        for (String k : known) {
            int d = distance(n, k.replace("-", ""));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Edit distance with a swap of two neighbours as one edit; large for very different lengths. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 120 || b.length() > 120) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
