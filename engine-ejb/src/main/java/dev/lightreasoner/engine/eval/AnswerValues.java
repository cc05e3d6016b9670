package dev.lightreasoner.engine.eval;

/** The numeric value of a normalised answer, for grading by value. */
final class AnswerValues {
    private AnswerValues() {
    }

    /** The numeric value of a normalised answer (numbers, \frac, \sqrt, \pi, + − × ÷ ^, parentheses), or null. */
    static Double value(String s) {
        String e = s.replace("\\frac", "FRAC").replace("\\sqrt", "SQRT").replace("\\pi", "PI")
                .replace("\\cdot", "*").replace("\\times", "*").replace("\\div", "/");
        if (e.contains("\\") || e.isEmpty()) {
            return null;
        }
        try {
            Parser p = new Parser(e);
            double v = p.expression();
            return p.done() && Double.isFinite(v) ? v : null;
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** Recursive-descent evaluator for the normalised LaTeX subset above. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        boolean done() {
            return i == s.length();
        }

        double expression() {
            double v = term();
            while (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                char op = s.charAt(i++);
                double t = term();
                v = op == '+' ? v + t : v - t;
            }
            return v;
        }

        double term() {
            double v = power();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '*' || c == '/') {
                    i++;
                    double f = power();
                    v = c == '*' ? v * f : v / f;
                } else if (c == '(' || c == '{' || Character.isLetter(c)) {
                    v *= power();                            // implicit product: 2\sqrt{3}, 3\pi
                } else {
                    break;
                }
            }
            return v;
        }

        double power() {
            double base = unary();
            if (i < s.length() && s.charAt(i) == '^') {
                i++;
                return Math.pow(base, power());
            }
            return base;
        }

        double unary() {
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
                return -unary();
            }
            if (i < s.length() && s.charAt(i) == '+') {
                i++;
                return unary();
            }
            return atom();
        }

        double atom() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("end");
            }
            if (s.startsWith("FRAC", i)) {
                i += 4;
                double num = group();
                return num / group();
            }
            if (s.startsWith("SQRT", i)) {
                i += 4;
                return Math.sqrt(group());
            }
            if (s.startsWith("PI", i)) {
                i += 2;
                return Math.PI;
            }
            char c = s.charAt(i);
            if (c == '(' || c == '{') {
                return group();
            }
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected " + c);
            }
            return Double.parseDouble(s.substring(start, i));
        }

        double group() {
            char open = s.charAt(i);
            if (open != '(' && open != '{') {
                return atom();
            }
            char close = open == '(' ? ')' : '}';
            i++;
            double v = expression();
            if (i >= s.length() || s.charAt(i) != close) {
                throw new IllegalArgumentException("missing " + close);
            }
            i++;
            return v;
        }
    }
}
