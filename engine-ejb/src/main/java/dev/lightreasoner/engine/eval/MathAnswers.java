package dev.lightreasoner.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answer extraction and grading as the Qwen2.5-Math evaluation toolkit does it (docs/method.md §8): the content of the
 * last balanced {@code \boxed{…}}, else the text after "the answer is", else the last number; the toolkit's
 * string normalisation (units, a trailing \text{…}, numbers in words); then equality as strings, as a choice
 * letter when the reference is one (A–E), as numbers (relative tolerance 1e-4, with the ×100 / ÷100
 * percentage variants between plain numbers), or by value for LaTeX fractions, roots, simple expressions and
 * tuples. Where it still differs from the toolkit (no sympy): see docs/jobs.md, `evaluate`.
 */
public final class MathAnswers {
    private static final Pattern LAST_NUMBER = Pattern.compile("-?\\d*\\.?\\d+");
    private static final Pattern TEXT = Pattern.compile("\\\\(?:text|textbf|mbox|mathrm)\\{([^{}]*)}");
    private static final Pattern TRAILING_TEXT = Pattern.compile("\\\\text\\{[^{}]*}$");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern CHOICE = Pattern.compile("[A-E]");
    private static final Pattern THOUSANDS = Pattern.compile("(\\d),(\\d\\d\\d)(?=$|\\D)");
    /** Unit words the toolkit strips (a representative subset of its list). */
    private static final String[] UNITS = {"square units", "sq units", "square feet", "square inches", "square meters",
            "square cm", "cm^2", "m^2", "units", "unit", "dollars", "dollar", "cents", "cent", "degrees", "degree",
            "meters", "meter", "cm", "mm", "km", "inches", "inch", "feet", "foot", "ft", "miles", "mile", "hours", "hour",
            "minutes", "minute", "seconds", "second", "days", "day", "weeks", "week", "years", "year", "pounds", "pound",
            "kg", "grams", "gram", "liters", "liter", "mph", "people", "students", "apples", "marbles", "points"};

    private MathAnswers() {
    }

    /** The predicted final answer of a model output, normalised ("" when there is none). */
    public static String extract(String output) {
        if (output == null) {
            return "";
        }
        String answer;
        int boxed = output.lastIndexOf("boxed");
        if (boxed >= 0) {
            answer = balancedAfter(output, boxed + "boxed".length());
        } else if (output.contains("he answer is")) {
            answer = afterLast(output, "he answer is");
        } else if (output.contains("final answer is")) {
            answer = afterLast(output, "final answer is");
        } else {
            Matcher m = LAST_NUMBER.matcher(output.replace(",", ""));
            answer = "";
            while (m.find()) {
                answer = m.group();
            }
        }
        return normalize(answer);
    }

    /** The content of the balanced braces that follow {@code from}, or the next token for "\boxed 5". */
    private static String balancedAfter(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length()) {
            return "";
        }
        if (s.charAt(i) != '{') {
            String rest = s.substring(i);
            int end = rest.indexOf('$');
            return (end >= 0 ? rest.substring(0, end) : rest).strip();
        }
        int depth = 0;
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return s.substring(i + 1, j);
                }
            }
        }
        return s.substring(i + 1);           // unbalanced: take the rest, as the toolkit does
    }

    private static String afterLast(String s, String marker) {
        String rest = s.substring(s.lastIndexOf(marker) + marker.length()).strip();
        if (rest.startsWith(":")) {
            rest = rest.substring(1).strip();
        }
        return rest.replaceAll("\\.$", "");                 // the rest of the text, as the toolkit takes it
    }

    /** The gold answer of a GSM8K answer field: the text after "####". */
    public static String gsm8kGold(String answerField) {
        int i = answerField.lastIndexOf("####");
        return normalize(i >= 0 ? answerField.substring(i + 4) : answerField);
    }

    /** ASDiv gold: parenthesised units removed, e.g. "9 (apples)" → "9". */
    public static String asdivGold(String answer) {
        return normalize(answer.replaceAll("\\(.*?\\)", ""));
    }

    /** MATH gold: the last \boxed{} of the solution. */
    public static String mathGold(String solution) {
        int boxed = solution.lastIndexOf("boxed");
        return normalize(boxed >= 0 ? balancedAfter(solution, boxed + 5) : solution);
    }

    /** The toolkit's strip_string, on the parts that matter for grade-school and competition answers. */
    public static String normalize(String answer) {
        String s = answer.replace("\n", "").strip();
        s = s.replaceAll("\\.+$", "").replace("\\!", "");
        s = WordNumbers.digits(s);                           // "five" -> "5"
        s = s.replace("tfrac", "frac").replace("dfrac", "frac");
        s = s.replace("\\left", "").replace("\\right", "");
        s = s.replace("\\{", "{").replace("\\}", "}");
        s = s.replace("^{\\circ}", "").replace("^\\circ", "").replace("°", "");
        s = s.replace("\\$", "").replace("$", "").replace("\\(", "").replace("\\)", "");
        s = removeUnits(s);
        // any trailing \text{…} is a unit when something stands before it ("5 \text{ apples}" -> "5")
        String unitless = TRAILING_TEXT.matcher(s).replaceAll("").strip();
        if (!unitless.isEmpty() && !unitless.equals(s)) {
            s = unitless;
        }
        Matcher text = TEXT.matcher(s);
        while (text.find()) {
            s = text.replaceAll("$1");
            text = TEXT.matcher(s);
        }
        String[] sides = s.split("=");
        if (sides.length == 2 && sides[0].strip().length() <= 2) {
            s = sides[1];                                   // "x = 5" -> "5"
        }
        s = s.replace("\\%", "").replace("%", "");
        s = s.replace(" .", " 0.").replace("{.", "{0.");
        if (s.startsWith(".")) {
            s = "0" + s;
        }
        s = s.replace(" ", "");
        String previous;
        do {
            previous = s;
            s = THOUSANDS.matcher(s).replaceAll("$1$2");
        } while (!s.equals(previous));
        s = fixFracs(s);
        s = fixSqrt(s);
        if (s.matches("-?\\d+/\\d+")) {                   // a/b -> \frac{a}{b}
            String[] ab = s.split("/");
            s = "\\frac{" + ab[0] + "}{" + ab[1] + "}";
        }
        s = s.replaceAll("(\\d+)\\.0*(?=$|[^\\d])", "$1");    // 18.00 -> 18
        s = s.replaceAll("(\\d+\\.\\d*?[1-9])0+(?=$|[^\\d])", "$1"); // 2.50 -> 2.5
        return s;
    }

    private static String removeUnits(String s) {
        String out = s;
        for (String unit : UNITS) {
            out = out.replaceAll("(?i)\\\\(?:text|mbox)\\{\\s*" + Pattern.quote(unit) + "\\s*}", "");
            out = out.replaceAll("(?i)(?<=[\\d\\s])" + Pattern.quote(unit) + "\\b", "");
        }
        return out.strip();
    }

    /** \frac12 -> \frac{1}{2}, \frac1{2} -> \frac{1}{2}. */
    private static String fixFracs(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("\\frac", i)) {
                out.append("\\frac");
                i += 5;
                for (int arg = 0; arg < 2 && i < s.length(); arg++) {
                    if (s.charAt(i) == '{') {
                        int close = matching(s, i);
                        out.append(s, i, close + 1);
                        i = close + 1;
                    } else {
                        out.append('{').append(s.charAt(i)).append('}');
                        i++;
                    }
                }
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String fixSqrt(String s) {
        return s.replaceAll("\\\\sqrt(\\w)", "\\\\sqrt{$1}");
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            if (s.charAt(j) == '{') {
                depth++;
            } else if (s.charAt(j) == '}' && --depth == 0) {
                return j;
            }
        }
        return s.length() - 1;
    }

    /** Whether a predicted answer equals the reference (both are normalised first). */
    public static boolean equivalent(String predicted, String reference) {
        String p = normalize(predicted == null ? "" : predicted);
        String r = normalize(reference == null ? "" : reference);
        if (p.isEmpty()) {
            return false;
        }
        if (p.equalsIgnoreCase(r)) {
            return true;
        }
        if (CHOICE.matcher(r.toUpperCase(java.util.Locale.ROOT)).matches()) {
            return r.equalsIgnoreCase(choice(p));              // "\text{(B)}", "(B)", "B." all choose B
        }
        Double pv = AnswerValues.value(p);
        Double rv = AnswerValues.value(r);
        if (pv != null && rv != null) {
            // the ×100 / ÷100 percentage variants only between plain numbers, as the toolkit's numeric branch
            boolean plain = PLAIN_NUMBER.matcher(p).matches() && PLAIN_NUMBER.matcher(r).matches();
            for (double candidate : plain ? new double[] {rv, rv / 100, rv * 100} : new double[] {rv}) {
                if (close(pv, candidate)) {
                    return true;
                }
            }
            return false;
        }
        List<String> pt = tuple(p);
        List<String> rt = tuple(r);
        if (pt != null && rt != null && pt.size() == rt.size()) {
            for (int i = 0; i < pt.size(); i++) {
                if (!equivalent(pt.get(i), rt.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The choice letter of a multiple-choice answer: the last standalone A–E, "" when there is none. */
    static String choice(String predicted) {
        Matcher m = Pattern.compile("(?<![A-Za-z])([A-E])(?![A-Za-z])").matcher(predicted.replace("\\text", ""));
        String last = "";
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= Math.max(1e-4 * Math.max(Math.abs(a), Math.abs(b)), 1e-12);
    }

    /** "(1,2)" or "1,2" → its elements; null when it is not a tuple. */
    private static List<String> tuple(String s) {
        String t = s;
        if ((t.startsWith("(") && t.endsWith(")")) || (t.startsWith("[") && t.endsWith("]"))) {
            t = t.substring(1, t.length() - 1);
        }
        if (!t.contains(",")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(t.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(t.substring(start));
        return parts;
    }
}
