package dev.routerlab.cli;

import dev.routerlab.features.Features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.grammar.IosParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {
    private final CommandParser p = Features.cli().parser();

    @ParameterizedTest
    @ValueSource(strings = {"sh run", "show running-config", "SH RUN", "conf t", "wr", "wr mem", "sh ip int br",
        "sh ip int brief | i up", "copy run start", "sh run int tu0", "sh run int g0/0", "show interfaces GigabitEthernet 0/1",
        "ter len 0", "sh ver | section Cisco"})
    void privilegedExecAbbreviationsParse(String line) {
        assertInstanceOf(CommandParser.Parsed.class, p.parse(Mode.PRIV_EXEC, line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"int tu0", "int g0/0", "interface Loopback 0", "hostn R1", "ip route 0.0.0.0 0.0.0.0 10.0.0.1",
        "username admin priv 15 secret cisco", "no ip domain-lookup", "no ip domain lookup", "ip domain name lab",
        "service timestamps log datetime msec year", "banner motd #hi#", "enable secret 5 $1$abcd$xyz"})
    void configAbbreviationsParse(String line) {
        assertInstanceOf(CommandParser.Parsed.class, p.parse(Mode.CONFIG, line), line);
    }

    @Test
    void interfaceNamesAreCanonical() {
        CommandParser.Parsed r = (CommandParser.Parsed) p.parse(Mode.CONFIG, "int tu0");
        IosParser.G_interfaceContext g = find(r.tree(), IosParser.G_interfaceContext.class);
        assertEquals("Tunnel0", g.INTERFACE_NAME().getText());
        r = (CommandParser.Parsed) p.parse(Mode.CONFIG, "interface gigabitethernet 0/2");
        assertEquals("GigabitEthernet0/2", find(r.tree(), IosParser.G_interfaceContext.class).INTERFACE_NAME().getText());
    }

    /** As IOS, the caret goes under the first character no command can take (`show f...` has `flash:`). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "show foo|6", "show zoo|5", "show ip intx|11", "sh ip int brief x|16", "show running-configx|19", "conf x|5"})
    void caretMarksFirstBadCharacter(String line, int caret) {
        CommandParser.Invalid r = assertInstanceOf(CommandParser.Invalid.class, p.parse(Mode.PRIV_EXEC, line));
        assertEquals(caret, r.caret(), line);
    }

    @Test
    void incompleteAndAmbiguous() {
        assertInstanceOf(CommandParser.Incomplete.class, p.parse(Mode.PRIV_EXEC, "show"));
        assertInstanceOf(CommandParser.Incomplete.class, p.parse(Mode.PRIV_EXEC, "terminal length"));
        CommandParser.Ambiguous a = assertInstanceOf(CommandParser.Ambiguous.class, p.parse(Mode.PRIV_EXEC, "co"));
        assertEquals("co", a.typed());
        a = assertInstanceOf(CommandParser.Ambiguous.class, p.parse(Mode.PRIV_EXEC, "sh i int"));
        assertEquals("sh i", a.typed());
        assertInstanceOf(CommandParser.Incomplete.class, p.parse(Mode.CONFIG, "hostname"));
        assertInstanceOf(CommandParser.Parsed.class, p.parse(Mode.CONFIG, "no hostname"));
        assertInstanceOf(CommandParser.Incomplete.class, p.parse(Mode.CONFIG_IF, "ip address"));
        assertInstanceOf(CommandParser.Parsed.class, p.parse(Mode.CONFIG_IF, "no ip address"));
    }

    @Test
    void numberRangesComeFromHelp() {
        assertInstanceOf(CommandParser.Parsed.class, p.parse(Mode.PRIV_EXEC, "terminal length 512"));
        assertInstanceOf(CommandParser.Invalid.class, p.parse(Mode.PRIV_EXEC, "terminal length 513"));
        assertInstanceOf(CommandParser.Invalid.class, p.parse(Mode.CONFIG_IF, "ip mtu 67"));
        assertInstanceOf(CommandParser.Parsed.class, p.parse(Mode.CONFIG_IF, "ip mtu 1400"));
    }

    @Test
    void userExecLacksPrivilegedCommands() {
        assertInstanceOf(CommandParser.Invalid.class, p.parse(Mode.USER_EXEC, "configure terminal"));
        assertInstanceOf(CommandParser.Invalid.class, p.parse(Mode.USER_EXEC, "show running-config"));
        assertInstanceOf(CommandParser.Parsed.class, p.parse(Mode.USER_EXEC, "show version"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void helpListsWhatMayFollow() {
        List<CommandParser.HelpItem> items = (List<CommandParser.HelpItem>) p.help(Mode.PRIV_EXEC, "show ip interface ");
        List<String> shown = items.stream().map(CommandParser.HelpItem::display).toList();
        assertEquals("brief", shown.get(0));
        assertTrue(shown.contains("Tunnel") && shown.contains("GigabitEthernet"), shown.toString());
        assertEquals(List.of("|", "<cr>"), shown.subList(shown.size() - 2, shown.size()));
        items = (List<CommandParser.HelpItem>) p.help(Mode.PRIV_EXEC, "co");
        assertEquals(List.of("configure", "copy"), items.stream().map(CommandParser.HelpItem::display).toList());
        items = (List<CommandParser.HelpItem>) p.help(Mode.CONFIG, "hostname ");
        assertEquals(List.of(new CommandParser.HelpItem("WORD", "This system's network name")), items);
    }

    @Test
    void tabCompletesUniquePrefixes() {
        assertEquals("show ", p.complete(Mode.PRIV_EXEC, "sh"));
        assertEquals("show running-config ", p.complete(Mode.PRIV_EXEC, "show run"));
        assertNull(p.complete(Mode.PRIV_EXEC, "co"));
        assertEquals("interface Tunnel", p.complete(Mode.CONFIG, "interface tun"));
    }

    @Test
    void everyKeywordHasHelp() {
        HelpCatalog h = Features.cli().parser().help();
        List<String> missing = new ArrayList<>();
        for (int t = 1; t <= IosParser.VOCABULARY.getMaxTokenType(); t++) {
            String lit = IosParser.VOCABULARY.getLiteralName(t);
            if (lit != null && !h.has(t)) missing.add(lit);
        }
        assertEquals(List.of(), missing);
    }

    /** help.txt's display forms that bound a number: `<DIGITS-DIGITS>` only (as the regex it replaced). */
    @Test
    void helpRangesAreDigitsDashDigits() {
        assertEquals(2, HelpCatalog.range("<1-10000>"));
        assertEquals(2, HelpCatalog.range("<0-4294967295>"));
        for (String d : List.of("WORD", "<1-2-3>", "<-1>", "<1->", "<a-1>", "<1-2", "1-2>", "<>", "<1 -2>")) {
            assertEquals(-1, HelpCatalog.range(d), d);
        }
    }

    /** The parser runs each mode's entry rule (a switch, not a lookup by name: keep it in step with Mode). */
    @Test
    void eachModeParsesWithItsEntryRule() {
        for (Mode m : Mode.values()) {
            IosParser parser = new IosParser(new org.antlr.v4.runtime.CommonTokenStream(new org.antlr.v4.runtime.ListTokenSource(List.of())));
            parser.removeErrorListeners();
            assertEquals(m.entryRule(), IosParser.ruleNames[CommandParser.entry(m, parser).getRuleIndex()], m.name());
        }
    }

    static <T> T find(org.antlr.v4.runtime.tree.ParseTree t, Class<T> type) {
        if (type.isInstance(t)) return type.cast(t);
        for (int i = 0; i < t.getChildCount(); i++) {
            T hit = find(t.getChild(i), type);
            if (hit != null) return hit;
        }
        return null;
    }
}
