package dev.faultline.logback;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The options written as XML attributes on this appender's {@code <appender>} element
 * ({@code <appender name="RING" class="...CrashRingAppender" replayLines="3"/>}): Logback reads
 * an appender's options from nested elements only ({@code <replayLines>3</replayLines>}) and
 * drops any other attribute than {@code name} and {@code class} without a word, so the appender
 * looks for them itself, in the configuration file Logback was configured from, and says so.
 * Reads at most 1 MiB of a {@code file:} or {@code jar:} URL with no DTD or external entity;
 * finds nothing when there is no such file (a configuration in code) or it cannot be read.
 */
final class IgnoredAttributes {
    private static final int MAX_BYTES = 1 << 20;

    private IgnoredAttributes() {}

    /** One line per ignored attribute on the {@code <appender>} named {@code name} of class {@code type}. */
    static List<String> find(Context context, String name, String type) {
        List<String> out = new ArrayList<>();
        try {
            URL url = context == null ? null : ConfigurationWatchListUtil.getMainWatchURL(context);
            if (url == null || !(url.getProtocol().equals("file") || url.getProtocol().equals("jar"))) {
                return out;
            }
            byte[] xml;
            try (InputStream in = url.openStream()) {
                xml = in.readNBytes(MAX_BYTES);
            }
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            SAXParser parser = f.newSAXParser();
            parser.parse(new java.io.ByteArrayInputStream(xml), new DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String qName, Attributes a) {
                    if (!qName.equals("appender") || !type.equals(a.getValue("class"))
                            || (name != null && !name.equals(a.getValue("name")))) {
                        return;
                    }
                    for (int i = 0; i < a.getLength(); i++) {
                        String n = a.getQName(i);
                        if (!n.equals("name") && !n.equals("class")) {
                            out.add("the attribute " + n + "=\"" + a.getValue(i) + "\" on <appender name=\"" + name
                                    + "\"> is ignored: Logback sets an appender's options from nested elements only;"
                                    + " write <" + n + ">" + a.getValue(i) + "</" + n + "> inside the appender");
                        }
                    }
                }
            });
        } catch (Exception | LinkageError e) {
            // Unreadable or not XML (Logback has said so itself): nothing to add.
        }
        return out;
    }
}
