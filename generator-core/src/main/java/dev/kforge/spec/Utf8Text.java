package dev.kforge.spec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A file's bytes read as strict UTF-8, the way specs, catalogs and manifests are read (kubectl and kubeconform
 * refuse anything else): its text, or where it stops being UTF-8. Public for the manifest validator.
 *
 * @param text  the text, or {@code null} when the bytes are not UTF-8
 * @param error what is wrong and what to do, or {@code null}
 * @param line  the line (1-based) of the first byte that is not UTF-8; 0 for text
 */
public record Utf8Text(String text, String error, int line) {

    /** Decodes {@code bytes}. */
    public static Utf8Text decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            return new Utf8Text(null, "is not UTF-8 text (invalid byte 0x"
                    + String.format(Locale.ROOT, "%02x", bytes[offset] & 0xff) + " at byte " + offset
                    + "); save the file as UTF-8", line);
        }
        decoder.flush(out);
        out.flip();
        return new Utf8Text(out.toString(), null, 0);
    }
}
