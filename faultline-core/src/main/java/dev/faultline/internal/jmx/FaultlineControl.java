package dev.faultline.internal.jmx;

import dev.faultline.internal.text.Ascii;
import dev.faultline.DebugMode;
import dev.faultline.report.Taint;
import dev.faultline.internal.config.AppName;
import dev.faultline.internal.domain.DomainTable;
import dev.faultline.internal.ring.CrashRings;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.Taints;
import dev.faultline.internal.runtime.Counters;
import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.internal.runtime.SiteDirectory;
import dev.faultline.internal.text.Escape;
import dev.faultline.jmx.FaultlineMBean;
import java.util.List;
import javax.management.openmbean.CompositeData;

/**
 * The MBean behind {@code dev.faultline:type=Faultline}: every call goes to the one
 * process-wide policy ({@link RunPolicy}) and debug-domain table naming who asked, so
 * changes made here are recorded, printed and tainted exactly like changes made in code. The
 * registered MBean names the JMX caller of each call ({@link JmxCaller}); an instance made for
 * another channel names the origin it was made with.
 */
final class FaultlineControl implements FaultlineMBean {
    /** The channel named in every change line made through JMX. */
    static final String CHANNEL = "jmx";
    /** The origin this instance names, or null for the registered MBean (the JMX caller of each call). */
    private final String origin;

    FaultlineControl(String origin) {
        this.origin = origin;
    }

    /** Who asks, as change lines name it after {@code via}. */
    private String channel() {
        return origin != null ? origin : JmxCaller.origin(CHANNEL).toString();
    }
    /** The {@code setDebugMode} token that removes a domain's own setting. */
    static final String INHERIT = "inherit";

    @Override
    public boolean isPanicOnWarn() {
        return RunPolicy.process().panicOnWarn();
    }

    @Override
    public void setPanicOnWarn(boolean on) {
        RunPolicy.process().setPanicOnWarn(on, channel());
    }

    @Override
    public int getWarnLimit() {
        return RunPolicy.process().warnLimit();
    }

    @Override
    public void setWarnLimit(int limit) {
        RunPolicy.process().setWarnLimit(limit, channel());
    }

    @Override
    public int getOopsLimit() {
        return RunPolicy.process().oopsLimit();
    }

    @Override
    public void setOopsLimit(int limit) {
        RunPolicy.process().setOopsLimit(limit, channel());
    }

    @Override
    public int getPanicTimeout() {
        return RunPolicy.process().panicTimeout();
    }

    @Override
    public void setPanicTimeout(int seconds) {
        RunPolicy.process().setPanicTimeout(seconds, channel());
    }

    @Override
    public long getWarnCount() {
        return Counters.warnCount();
    }

    @Override
    public long getOopsCount() {
        return Counters.oopsCount();
    }

    @Override
    public String getTaint() {
        return Taint.line(Taints.taints());
    }

    @Override
    public String[] getDebugDomains() {
        return DomainTable.status().toArray(new String[0]);
    }

    @Override
    public String[] getUnregisteredDebugDomains() {
        return DomainTable.unregistered().toArray(new String[0]);
    }

    @Override
    public String debugMode(String domain) {
        return DomainTable.mode(domain).token();
    }

    @Override
    public String setDebugMode(String domain, String mode) {
        String line;
        if (Ascii.isToken(mode, INHERIT)) {
            line = dev.faultline.internal.domain.DomainTable.change(domain, null, channel());
        } else {
            DebugMode m = DebugMode.fromToken(mode);
            if (m == null) {
                throw new IllegalArgumentException("debug domain " + Escape.cut(domain) + ": unknown mode "
                        + Escape.quoted(mode) + "; expected "
                        + "off, warn, once, panic or " + INHERIT);
            }
            line = dev.faultline.internal.domain.DomainTable.change(domain, m, channel());
        }
        return line == null ? "unchanged" : line;
    }

    @Override
    public String[] applyDebugSpec(String spec) {
        List<String> problems = DomainTable.apply(spec, channel());
        return problems.toArray(new String[0]);
    }

    @Override
    public void clearWarnOnce() {
        Counters.clearWarnOnce();
    }

    @Override
    public String getApp() {
        return AppName.current();
    }

    @Override
    public String getRunId() {
        return Core.RUN_ID;
    }

    @Override
    public long getPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public String getRingPath() {
        java.nio.file.Path file = CrashRings.current().file();
        return file == null ? "" : file.toAbsolutePath().toString();
    }

    @Override
    public CompositeData[] getSites() {
        return SiteTable.rows(SiteDirectory.sites());
    }

    @Override
    public String[] getHangChecker() {
        return dev.faultline.internal.hang.HangChecker.status().toArray(new String[0]);
    }

    @Override
    public String[] getSysctl() {
        return Sysctl.all().toArray(new String[0]);
    }

    @Override
    public String[] getBootOnlyKeys() {
        return Sysctl.bootOnly().toArray(new String[0]);
    }

    @Override
    public String sysctl(String key) {
        return Sysctl.get(key);
    }

    @Override
    public String setSysctl(String key, String value) {
        return Sysctl.set(key, value, channel());
    }
}
