import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The oracle of the properties differential test: loads many texts with java.util.Properties.load(Reader)
 * in one JVM.
 *
 * Input (args[0]): one text per line, each UTF-16 code unit as four hex digits.
 * Output (args[1]): one line per text, either
 *   "OK" followed by " keyhex,valuehex" for every loaded entry, or
 *   "ERR exceptionClass messagehex" when load throws.
 */
public class PropsOracle {
    private static String unhex(String s) {
        StringBuilder b = new StringBuilder(s.length() / 4);
        for (int i = 0; i + 4 <= s.length(); i += 4) {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
        }
        return b.toString();
    }

    private static String hex(String s) {
        StringBuilder b = new StringBuilder(s.length() * 4);
        for (int i = 0; i < s.length(); i++) {
            b.append(String.format("%04x", (int) s.charAt(i)));
        }
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(args[0]), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.US_ASCII)))) {
            String line;
            while ((line = in.readLine()) != null) {
                String text = unhex(line);
                Properties p = new Properties();
                try {
                    p.load(new StringReader(text));
                    StringBuilder b = new StringBuilder("OK");
                    for (String k : p.stringPropertyNames()) {
                        b.append(' ').append(hex(k)).append(',').append(hex(p.getProperty(k)));
                    }
                    out.println(b);
                } catch (Exception e) {
                    out.println("ERR " + e.getClass().getName() + " " + hex(String.valueOf(e.getMessage())));
                }
            }
        }
    }
}
