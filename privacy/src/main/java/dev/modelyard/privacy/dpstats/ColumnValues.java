package dev.modelyard.privacy.dpstats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.privacy.io.CsvReader;
import dev.modelyard.privacy.io.Utf8Lines;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns a release needs, read from a file's anonymized content in one pass. Each row is one
 * person's contribution (the bound every statistic's sensitivity assumes); a value that is not a
 * number counts as missing in a numeric column.
 */
final class ColumnValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long rows;
    private final Map<String, List<String>> columns;

    private ColumnValues(long rows, Map<String, List<String>> columns) {
        this.rows = rows;
        this.columns = columns;
    }

    long rows() {
        return rows;
    }

    List<String> text(String column) {
        return columns.get(column);
    }

    double[] numbers(String column) {
        return columns.get(column).stream().map(ColumnValues::number).filter(value -> value != null)
                .mapToDouble(Double::doubleValue).toArray();
    }

    static ColumnValues read(InputStream content, String format, Set<String> wanted) throws IOException {
        return "jsonl".equals(format) ? readJsonl(content, wanted) : readCsv(content, wanted);
    }

    private static ColumnValues readCsv(InputStream content, Set<String> wanted) throws IOException {
        CsvReader csv = new CsvReader(new Utf8Lines(content));
        List<String> header = csv.next();
        Map<String, Integer> positions = new HashMap<>();
        for (String column : wanted) {
            int position = header == null ? -1 : header.indexOf(column);
            if (position < 0) {
                throw unknownColumn(column);
            }
            positions.put(column, position);
        }
        Map<String, List<String>> columns = new HashMap<>();
        wanted.forEach(column -> columns.put(column, new ArrayList<>()));
        long rows = 0;
        for (List<String> record = csv.next(); record != null; record = csv.next()) {
            rows++;
            for (Map.Entry<String, Integer> position : positions.entrySet()) {
                columns.get(position.getKey()).add(position.getValue() < record.size() ? record.get(position.getValue()) : "");
            }
        }
        return new ColumnValues(rows, columns);
    }

    private static ColumnValues readJsonl(InputStream content, Set<String> wanted) throws IOException {
        Utf8Lines lines = new Utf8Lines(content);
        Map<String, List<String>> columns = new HashMap<>();
        wanted.forEach(column -> columns.put(column, new ArrayList<>()));
        Set<String> seen = new HashSet<>();
        long rows = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (line.isBlank()) {
                continue;
            }
            rows++;
            JsonNode record = JSON.readTree(line);
            for (String column : wanted) {
                JsonNode value = record.get(column);
                if (value != null) {
                    seen.add(column);
                }
                columns.get(column).add(value == null || value.isNull() ? "" : value.asText());
            }
        }
        for (String column : wanted) {
            if (!seen.contains(column)) {
                throw unknownColumn(column);
            }
        }
        return new ColumnValues(rows, columns);
    }

    private static Double number(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static PlatformException unknownColumn(String column) {
        return PlatformException.badRequest("The file has no column '" + column + "'",
                FieldError.field("statistics.column", "'" + column + "' is not a column of the file"));
    }
}
