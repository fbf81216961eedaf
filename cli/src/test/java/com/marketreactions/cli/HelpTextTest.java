package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help a new user reads first ({@code ./reactions --help}, {@code ./reactions <command> --help}): a one-sentence
 * summary per command in its parent's list, a description for every option and parameter, an example per command,
 * and no URL cut in two by the wrapping.
 */
class HelpTextTest {

    /** The width of the usage when no terminal says otherwise (picocli's default; auto width falls back to it). */
    private static final int WIDTH = 80;

    /** The narrowest usage picocli renders. */
    private static final int MIN_WIDTH = 55;

    /** A URL in a help text, without the punctuation that may follow it. */
    private static final Pattern URL = Pattern.compile("https?://[\\w.:/-]*[\\w/]");

    /** A line that ends inside a URL at a colon: {@code http:} or {@code http://127.0.0.1:}. */
    private static final Pattern CUT_AT_COLON = Pattern.compile("https?:(//\\S*:)?$");

    /** The launcher as the user runs it, at a fixed width rather than the width of the terminal running the build. */
    private static CommandLine cli(int width) {
        CommandLine cli = new CommandLine(new ReactionsCli());
        cli.setUsageHelpAutoWidth(false);
        cli.setUsageHelpWidth(width);
        return cli;
    }

    /** The command and its subcommands, depth first. */
    private static List<CommandLine> commands(CommandLine c) {
        List<CommandLine> all = new ArrayList<>(List.of(c));
        c.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }

    private static String name(CommandLine c) {
        return c.getCommandSpec().qualifiedName();
    }

    @Test
    void everyCommandIsSummedUpInOneSentenceOnOneLineOfItsParentsList() {
        for (CommandLine c : commands(cli(WIDTH))) {
            String[] header = c.getCommandSpec().usageMessage().header();
            assertEquals(1, header.length, name(c) + ": a header of one sentence");
            assertTrue(header[0].endsWith("."), name(c) + ": header '" + header[0] + "' is a full sentence");
            Map<String, String> listed = commandList(c.getUsageMessage());
            for (String sub : c.getSubcommands().keySet()) {
                String summary = listed.get(sub);
                assertNotNull(summary, name(c) + " lists " + sub + ":\n" + c.getUsageMessage());
                assertTrue(
                        summary.endsWith("."),
                        name(c) + " sums " + sub + " up in one line ending with a period, not '" + summary + "'");
            }
        }
    }

    @Test
    void descriptionsAreWholeParagraphs() {
        for (CommandLine c : commands(cli(WIDTH))) {
            for (String paragraph : c.getCommandSpec().usageMessage().description()) {
                assertTrue(
                        paragraph.endsWith("."),
                        name(c) + ": a description element is a paragraph of whole sentences, not '" + paragraph + "'");
            }
        }
    }

    @Test
    void everyOptionAndParameterOfEveryCommandIsDescribedInOnePiece() {
        for (CommandLine c : commands(cli(WIDTH))) {
            CommandSpec spec = c.getCommandSpec();
            for (ArgSpec arg : Stream.concat(spec.options().stream(), spec.positionalParameters().stream())
                    .map(ArgSpec.class::cast)
                    .toList()) {
                String what = name(c) + " " + arg.paramLabel() + " " + Arrays.toString(arg.description());
                assertFalse(String.join("", arg.description()).isBlank(), what + ": described");
                assertEquals(1, arg.description().length, what + ": one text, wrapped by picocli");
            }
        }
    }

    @Test
    void everyCommandShowsAnExampleOfItselfWithItsOwnFlags() {
        CommandLine root = cli(WIDTH);
        for (CommandLine c : commands(root)) {
            String usage = c.getUsageMessage();
            int example = usage.indexOf("Example");
            assertTrue(example >= 0, name(c) + " shows an example:\n" + usage);
            List<CommandLine> invoked = invocations(root, usage.substring(example));
            assertTrue(
                    invoked.contains(c) || c == root && !invoked.isEmpty(), name(c) + "'s example runs it:\n" + usage);
        }
    }

    @Test
    void examplesAreNeverWrappedSoTheyPasteAsTheyRead() {
        for (CommandLine c : commands(cli(MIN_WIDTH))) {
            String usage = c.getUsageMessage();
            List<String> example = usage.substring(usage.indexOf("Example"))
                    .lines()
                    .skip(1)
                    .filter(line -> !line.isBlank())
                    .toList();
            for (String line : example) {
                assertTrue(line.startsWith("  "), name(c) + " at width " + MIN_WIDTH + " wraps its example:\n" + usage);
            }
        }
    }

    @Test
    void noUrlIsCutByTheWrappingAtAnyWidth() {
        for (int width = MIN_WIDTH; width <= 160; width++) {
            for (CommandLine c : commands(cli(width))) {
                String usage = c.getUsageMessage();
                for (String line : usage.lines().toList()) {
                    assertFalse(
                            CUT_AT_COLON.matcher(line.stripTrailing()).find(),
                            name(c) + " at width " + width + " cuts a URL:\n" + usage);
                }
                for (String url : urls(c.getCommandSpec())) {
                    assertTrue(usage.contains(url), name(c) + " at width " + width + " cuts " + url + ":\n" + usage);
                }
            }
        }
    }

    /** The summaries in the "Commands:" list of a usage, by command name: the first line of each. */
    private static Map<String, String> commandList(String usage) {
        Map<String, String> listed = new HashMap<>();
        boolean inList = false;
        for (String line : usage.lines().toList()) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList) {
                Matcher m = Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
                if (m.matches()) {
                    listed.put(m.group(1), m.group(2).stripTrailing());
                }
            }
        }
        return listed;
    }

    /**
     * The commands the examples in {@code text} run: each line with {@code ./reactions} starts one, an indented line
     * starting with {@code --} continues it; every {@code --flag} must be an option of the command it is given to.
     */
    private static List<CommandLine> invocations(CommandLine root, String text) {
        List<CommandLine> invoked = new ArrayList<>();
        CommandLine current = null;
        for (String line : text.lines().toList()) {
            int start = line.indexOf("./reactions");
            if (start >= 0) {
                current = root;
                line = line.substring(start + "./reactions".length());
            } else if (current == null || !line.strip().startsWith("--")) {
                continue;
            }
            for (String token : line.trim().split("\\s+")) {
                String word = token.replaceAll("[:,]$", "");
                if (current.getSubcommands().containsKey(word)) {
                    current = current.getSubcommands().get(word);
                } else if (word.startsWith("--")) {
                    assertNotNull(
                            current.getCommandSpec().findOption(word),
                            name(current) + " has the option " + word + " its example gives:\n" + text);
                }
            }
            if (!invoked.contains(current)) {
                invoked.add(current);
            }
        }
        return invoked;
    }

    /** The URLs in a command's own texts. */
    private static List<String> urls(CommandSpec spec) {
        UsageMessageSpec u = spec.usageMessage();
        List<String> texts = new ArrayList<>();
        texts.addAll(List.of(u.header()));
        texts.addAll(List.of(u.description()));
        texts.add(u.footerHeading());
        texts.addAll(List.of(u.footer()));
        Stream.concat(spec.options().stream(), spec.positionalParameters().stream())
                .forEach(a -> texts.addAll(List.of(a.description())));
        List<String> urls = new ArrayList<>();
        for (String text : texts) {
            Matcher m = URL.matcher(text);
            while (m.find()) {
                urls.add(m.group());
            }
        }
        return urls;
    }
}
