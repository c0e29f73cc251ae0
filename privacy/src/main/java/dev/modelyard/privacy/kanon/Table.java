package dev.modelyard.privacy.kanon;

import dev.modelyard.privacy.io.CsvReader;
import dev.modelyard.privacy.io.CsvWriter;
import dev.modelyard.privacy.io.Utf8Lines;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A CSV table held in memory: the search visits every row once per generalization it evaluates. */
public record Table(List<String> header, List<List<String>> rows) {

    /** Reads a stored CSV file, which was checked on upload: a header, then rows as wide as the header. */
    public static Table readCsv(InputStream in) throws IOException {
        CsvReader reader = new CsvReader(new Utf8Lines(in));
        List<String> header = reader.next();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return new Table(header == null ? List.of() : header, rows);
    }

    public void writeCsv(Writer out) throws IOException {
        CsvWriter writer = new CsvWriter(out);
        writer.write(header);
        for (List<String> row : rows) {
            writer.write(row);
        }
    }

    /** The column's position, or -1 when the table has no such column. */
    public int column(String name) {
        return header.indexOf(name);
    }

    public Set<String> distinctValues(int column) {
        Set<String> values = new LinkedHashSet<>();
        for (List<String> row : rows) {
            values.add(row.get(column));
        }
        return values;
    }
}
