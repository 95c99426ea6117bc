import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The oracle of the BOM and trailing-blank differential test: for each text, what Properties.load(Reader) loads and
 * what Java's own readers make of each value (Boolean.parseBoolean, Integer.parseInt), and what
 * Properties.load(InputStream) loads from the text's UTF-8 bytes (the stream is read as ISO 8859-1).
 *
 * Input (args[0]): one text per line, each UTF-16 code unit as four hex digits.
 * Output (args[1]): one line per text: "OK" then " keyhex,valuehex,B,I" per entry (B = t/f from parseBoolean, I =
 * the parseInt result or n when it throws), then " |", then " keyhex,valuehex" per entry loaded from the stream;
 * or "ERR exceptionClass" when a load throws.
 */
public class TypedOracle {
    private static String unhex(String s) {
        StringBuilder b = new StringBuilder(s.length() / 4);
        for (int i = 0; i + 4 <= s.length(); i += 4) b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
        return b.toString();
    }

    private static String hex(String s) {
        StringBuilder b = new StringBuilder(s.length() * 4);
        for (int i = 0; i < s.length(); i++) b.append(String.format("%04x", (int) s.charAt(i)));
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(args[0]), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.US_ASCII)))) {
            String line;
            while ((line = in.readLine()) != null) {
                String text = unhex(line);
                try {
                    Properties p = new Properties();
                    p.load(new StringReader(text));
                    StringBuilder b = new StringBuilder("OK");
                    for (String k : p.stringPropertyNames()) {
                        String v = p.getProperty(k);
                        String i;
                        try {
                            i = Integer.toString(Integer.parseInt(v));
                        } catch (NumberFormatException e) {
                            i = "n";
                        }
                        b.append(' ').append(hex(k)).append(',').append(hex(v)).append(',').append(Boolean.parseBoolean(v) ? 't' : 'f').append(',').append(i);
                    }
                    b.append(" |");
                    Properties q = new Properties();
                    q.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
                    for (String k : q.stringPropertyNames()) b.append(' ').append(hex(k)).append(',').append(hex(q.getProperty(k)));
                    out.println(b);
                } catch (Exception e) {
                    out.println("ERR " + e.getClass().getName());
                }
            }
        }
    }
}
