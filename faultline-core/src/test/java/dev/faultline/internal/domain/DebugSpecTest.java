package dev.faultline.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The faultline.debug grammar, one row per case: the spec, the entries that parse (in order, as
 * {@code domain=mode} joined by {@code ;}), and the problem lines (joined by {@code |}).
 */
class DebugSpecTest {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '#', quoteCharacter = '"', nullValues = "NULL", emptyValue = "", textBlock = """
        # good specs
        mm=panic                                 # mm=panic                                          #
        "mm=panic,net=warn,net.udp=off,*=once"   # mm=panic;net=warn;net.udp=off;*=once              #
        "  mm = panic ,  net=WARN "              # mm=panic;net=warn                                 #
        MM.Cache=Once                            # mm.cache=once                                     #
        "*=off"                                  # *=off                                             #
        net_2.tcp-v6=warn                        # net_2.tcp-v6=warn                                 #
        # overrides: every entry is kept in order, so the later one wins when applied
        "mm=warn,mm=panic"                       # mm=warn;mm=panic                                  #
        # empty specs and empty entries are not errors
        NULL                                     # ""                                                #
        ""                                       # ""                                                #
        " , ,mm=warn,,"                          # mm=warn                                           #
        # malformed entries are named with their number and column; the rest still parse
        mm                                       # ""      # entry 1 'mm' at column 1: expected DOMAIN=MODE (MODE is off, warn, once or panic)
        mm=pnic                                  # ""      # entry 1 'mm=pnic' at column 1: unknown mode 'pnic'; expected off, warn, once or panic
        "mm=warn,bogus,net=off"                  # mm=warn;net=off # entry 2 'bogus' at column 9: expected DOMAIN=MODE (MODE is off, warn, once or panic)
        "a=warn,  =panic"                        # a=warn  # entry 2 '=panic' at column 10: missing domain name before '='
        "mm="                                    # ""      # entry 1 'mm=' at column 1: missing mode after '='; expected off, warn, once or panic
        "mm=warn=panic"                          # ""      # entry 1 'mm=warn=panic' at column 1: more than one '='; expected DOMAIN=MODE
        "net.*=warn"                             # ""      # entry 1 'net.*=warn' at column 1: bad domain name 'net.*': a domain already covers its sub-domains; write net=MODE
        "mm..x=warn"                             # ""      # entry 1 'mm..x=warn' at column 1: bad domain name 'mm..x': empty segment at character 4
        "mm.=warn"                               # ""      # entry 1 'mm.=warn' at column 1: bad domain name 'mm.': it ends with a dot
        "m m=warn"                               # ""      # entry 1 'm m=warn' at column 1: bad domain name 'm m': character ' ' is not allowed (letters, digits, '_' and '-', in segments separated by dots; or * for the default; or assert:PACKAGE for a package's assert statements)
        # assert:PACKAGE names the assert statements of a Java package (faultline-agent)
        "assert:com.acme=warn"                   # assert:com.acme=warn                              #
        "ASSERT:Com.Acme.MM=warn@2%,mm=off"      # assert:com.acme.mm=warn@2%;mm=off                 #
        "assert:org.apache.lucene=off"           # assert:org.apache.lucene=off                      #
        "assert:_x.a1_b=once"                    # assert:_x.a1_b=once                               #
        "assert:=warn"                           # ""      # entry 1 'assert:=warn' at column 1: bad domain name 'assert:': missing package after 'assert:' (e.g. assert:com.acme=warn)
        "assert:com.*=warn"                      # ""      # entry 1 'assert:com.*=warn' at column 1: bad domain name 'assert:com.*': a package's assert domain already covers its subpackages; write assert:com=MODE
        "assert:com..x=warn"                     # ""      # entry 1 'assert:com..x=warn' at column 1: bad domain name 'assert:com..x': empty package segment at character 12
        "assert:com.acme.=warn"                  # ""      # entry 1 'assert:com.acme.=warn' at column 1: bad domain name 'assert:com.acme.': it ends with a dot
        "assert:com.9x=warn"                     # ""      # entry 1 'assert:com.9x=warn' at column 1: bad domain name 'assert:com.9x': character '9' at character 12 is not allowed in a package name (ASCII letters, digits and '_', each segment starting with a letter or '_', separated by dots)
        "assert:42=warn"                         # ""      # entry 1 'assert:42=warn' at column 1: bad domain name 'assert:42': character '4' at character 8 is not allowed in a package name (ASCII letters, digits and '_', each segment starting with a letter or '_', separated by dots)
        "assert:com.a-b=warn"                    # ""      # entry 1 'assert:com.a-b=warn' at column 1: bad domain name 'assert:com.a-b': character '-' at character 13 is not allowed in a package name (ASCII letters, digits and '_', each segment starting with a letter or '_', separated by dots)
        "com:acme=warn,mm=warn"                  # mm=warn # entry 1 'com:acme=warn' at column 1: bad domain name 'com:acme': character ':' is not allowed (letters, digits, '_' and '-', in segments separated by dots; or * for the default; or assert:PACKAGE for a package's assert statements)
        "x=on,y=1"                               # ""      # entry 1 'x=on' at column 1: unknown mode 'on'; expected off, warn, once or panic|entry 2 'y=1' at column 6: unknown mode '1'; expected off, warn, once or panic
        """)
    void parses(String spec, String entries, String problems) {
        DebugSpec.Parsed parsed = DebugSpec.parse(spec);
        assertEquals(entries == null ? "" : entries,
                parsed.entries.stream().map(DebugSpec.Entry::toString).collect(Collectors.joining(";")));
        assertEquals(problems == null ? List.of() : List.of(problems.split("\\|")), parsed.problems);
    }

    /** A name longer than any domain's is named by an excerpt and its length, an assert: name too, and never parses. */
    @org.junit.jupiter.api.Test
    void anOverlongNameIsRefusedBoundedWhetherOrNotItIsAnAssertDomain() {
        String plain = "a".repeat(256);
        String asserted = "assert:" + "a".repeat(100_000);
        assertEquals(null, DebugSpec.nameProblem("a".repeat(DebugSpec.MAX_NAME_LENGTH)));
        assertEquals("bad domain name '" + "a".repeat(80) + "...' (256 characters): longer than 255 characters",
                DebugSpec.nameProblem(plain));
        assertEquals("bad domain name 'assert:" + "a".repeat(73) + "...' (100007 characters): longer than 255 characters",
                DebugSpec.nameProblem(asserted));
        DebugSpec.Parsed parsed = DebugSpec.parse(asserted + "=warn");
        assertEquals(List.of(), parsed.entries);
        assertEquals(1, parsed.problems.size());
        org.junit.jupiter.api.Assertions.assertTrue(parsed.problems.get(0).length() < 400, parsed.problems.get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', textBlock = """
        mm          # *
        mm.cache    # mm
        net.tcp.v6  # net.tcp
        assert:com.acme.mm  # assert:com.acme
        assert:com  # *
        """)
    void aDomainsParentIsItsNameWithoutTheLastSegmentAndTopLevelDomainsFollowTheDefault(String domain, String parent) {
        assertEquals(parent, DebugSpec.parent(domain));
    }
}
