package io.github.archmodels.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line magic such as {@code %jars ../target/archmodels-0.1.0-SNAPSHOT-all.jar}: a line whose
 * first non-blank character is {@code %}, then the magic's name, then arguments separated by
 * blanks. Arguments may be quoted with {@code "} or {@code '} to contain blanks.
 */
record LineMagic(String name, List<String> args) {

    private static final Pattern MAGIC_LINE = Pattern.compile("^\\s*%(?!%)(\\w+)(.*)$");

    /** Parses {@code line} as a line magic; {@code null} if it is not one. */
    static LineMagic parse(String line) {
        Matcher m = MAGIC_LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return new LineMagic(m.group(1), splitArgs(m.group(2)));
    }

    /** Returns whether the cell starts with a cell magic ({@code %%name}) on its first non-blank line. */
    static boolean isCellMagic(String cell) {
        return cell.stripLeading().startsWith("%%");
    }

    private static List<String> splitArgs(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArg = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (inArg) {
            args.add(current.toString());
        }
        return args;
    }
}
