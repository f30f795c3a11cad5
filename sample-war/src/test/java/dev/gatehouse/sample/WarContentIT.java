package dev.gatehouse.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What ships in sample.war: the product jars and their patched dependencies, never the test kit or old crypto. */
class WarContentIT {

    @Test
    void containsNoTestCodeAndNoBannedLibrary() throws Exception {
        try (ZipFile war = new ZipFile(DemoSetup.warFile())) {
            List<String> libs = war.stream().map(ZipEntry::getName).filter(n -> n.startsWith("WEB-INF/lib/"))
                    .map(n -> n.substring("WEB-INF/lib/".length())).filter(n -> !n.isEmpty()).toList();
            assertThat(libs).anyMatch(n -> n.startsWith("gatehouse-filter-")).anyMatch(n -> n.startsWith("gatehouse-core-"))
                    .anyMatch(n -> n.startsWith("xmlsec-2.3.4")).anyMatch(n -> n.startsWith("bcprov-jdk18on-"));
            assertThat(libs).noneMatch(n -> n.startsWith("gatehouse-testkit")).noneMatch(n -> n.startsWith("jetty-"))
                    .as("filter mode only").noneMatch(n -> n.startsWith("gatehouse-jaspic-"))
                    .noneMatch(n -> n.contains("jdk15on")).noneMatch(n -> n.startsWith("spring-"))
                    .noneMatch(n -> n.startsWith("httpclient-")).noneMatch(n -> n.startsWith("velocity"))
                    .noneMatch(n -> n.startsWith("jakarta.servlet-api")).noneMatch(n -> n.startsWith("selenium"));
        }
    }
}
