package dev.kforge.maven;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin descriptor the build generates (META-INF/maven/plugin.xml) as users meet it in {@code mvn k8s:help
 * -Ddetail}, in IDEs and in m2e: every goal and parameter explained, every goal mapped for m2e, and the Maven it needs
 * stated as README states it.
 */
class PluginDescriptorTest {

    private static Document xml(String resource) throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static String child(Element element, String name) {
        NodeList list = element.getElementsByTagName(name);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().strip();
    }

    private static List<Element> goals(Document plugin) {
        List<Element> out = new ArrayList<>();
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            out.add((Element) mojos.item(i));
        }
        return out;
    }

    @Test
    void descriptor_whenBuilt_thenEveryGoalAndEveryParameterAUserCanSetIsDescribed() throws Exception {
        // given
        Document plugin = xml("META-INF/maven/plugin.xml");
        List<String> undescribed = new ArrayList<>();
        // when
        for (Element mojo : goals(plugin)) {
            String goal = child(mojo, "goal");
            if (child(mojo, "description").length() < 20) {
                undescribed.add(goal);
            }
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int i = 0; i < parameters.getLength(); i++) {
                Element parameter = (Element) parameters.item(i);
                if (child(parameter, "description").length() < 10) {
                    undescribed.add(goal + "." + child(parameter, "name"));
                }
            }
        }
        // then
        assertThat(goals(plugin)).extracting(m -> child(m, "goal"))
                .contains("generate", "verify", "validate", "package", "help");
        assertThat(undescribed).isEmpty();
    }

    @Test
    void m2eMapping_whenRead_thenEveryGoalIsExecutedOrIgnored() throws Exception {
        // given
        Document plugin = xml("META-INF/maven/plugin.xml");
        Document m2e = xml("META-INF/m2e/lifecycle-mapping-metadata.xml");
        List<String> mapped = new ArrayList<>();
        NodeList goals = m2e.getElementsByTagName("goal");
        for (int i = 0; i < goals.getLength(); i++) {
            mapped.add(goals.item(i).getTextContent().strip());
        }
        // then
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(goals(plugin).stream().map(m -> child(m, "goal"))
                .toList());
    }

    @Test
    void requiredMavenVersion_whenDescriptorAndReadmeRead_thenTheSame() throws Exception {
        // given
        String required = child(xml("META-INF/maven/plugin.xml").getDocumentElement(), "requiredMavenVersion");
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        // when
        Matcher stated = Pattern.compile("You need a JDK \\d+\\+, Maven ([0-9.]+)\\+").matcher(readme);
        // then
        assertThat(stated.find()).as("README's Set up names the Maven it needs").isTrue();
        assertThat(stated.group(1)).isEqualTo(required);
    }
}
