package dev.modelyard.trainer.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.data.Table.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a CSV file with a header row ({@code .csv}) or JSON Lines of flat objects ({@code .jsonl}). */
final class TableReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableReader() {
    }

    static Table read(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(name + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String lowerName = name.toLowerCase();
        if (lowerName.endsWith(".csv")) {
            return csv(name, text);
        }
        if (lowerName.endsWith(".jsonl")) {
            return jsonLines(name, text);
        }
        throw new InvalidInputException(name + ": only .csv and .jsonl files can be read");
    }

    static Table csv(String name, String text) {
        List<CsvRecord> records = CsvRecord.parse(name, text);
        if (records.isEmpty()) {
            throw new InvalidInputException(name + " is empty: a header row naming the columns is expected");
        }
        List<String> columns = new ArrayList<>();
        for (String column : records.getFirst().fields()) {
            String trimmed = column.trim();
            if (trimmed.isEmpty()) {
                throw new InvalidInputException(name + " line " + records.getFirst().line() + ": the header has an empty column name");
            }
            if (columns.contains(trimmed)) {
                throw new InvalidInputException(name + " line " + records.getFirst().line() + ": column \"" + trimmed + "\" appears twice in the header");
            }
            columns.add(trimmed);
        }
        List<Row> rows = new ArrayList<>();
        for (CsvRecord record : records.subList(1, records.size())) {
            if (record.fields().size() != columns.size()) {
                throw new InvalidInputException("%s line %d: expected %d fields as in the header, found %d"
                        .formatted(name, record.line(), columns.size(), record.fields().size()));
            }
            String[] values = new String[columns.size()];
            for (int i = 0; i < values.length; i++) {
                String value = record.fields().get(i);
                values[i] = value.isEmpty() ? null : value;
            }
            rows.add(new Row(record.line(), values));
        }
        return new Table(name, List.copyOf(columns), rows);
    }

    static Table jsonLines(String name, String text) {
        List<Map<String, String>> objects = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        Map<String, Integer> columnIndex = new LinkedHashMap<>();
        String[] lineTexts = text.split("\r?\n", -1);
        for (int i = 0; i < lineTexts.length; i++) {
            long line = i + 1;
            if (lineTexts[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(lineTexts[i]);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(name + " line " + line + ": not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (!node.isObject()) {
                throw new InvalidInputException(name + " line " + line + ": expected a JSON object");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    throw new InvalidInputException(name + " line " + line + ": field \"" + field.getKey() + "\" is not a flat value");
                }
                values.put(field.getKey(), value.isNull() ? null : value.asText());
                columnIndex.putIfAbsent(field.getKey(), columnIndex.size());
            }
            objects.add(values);
            lines.add(line);
        }
        List<String> columns = List.copyOf(columnIndex.keySet());
        List<Row> rows = new ArrayList<>(objects.size());
        for (int r = 0; r < objects.size(); r++) {
            String[] values = new String[columns.size()];
            for (Map.Entry<String, String> value : objects.get(r).entrySet()) {
                values[columnIndex.get(value.getKey())] = value.getValue();
            }
            rows.add(new Row(lines.get(r), values));
        }
        return new Table(name, columns, rows);
    }

    /** One CSV record (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
    private record CsvRecord(long line, List<String> fields) {

        static List<CsvRecord> parse(String name, String text) {
            List<CsvRecord> records = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            long line = 1;
            long recordLine = 1;
            boolean quoted = false;
            boolean fieldWasQuoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
                    quoted = true;
                    fieldWasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    fields.add(field.toString());
                    addUnlessBlank(records, recordLine, fields);
                    fields = new ArrayList<>();
                    field.setLength(0);
                    fieldWasQuoted = false;
                    line++;
                    recordLine = line;
                } else if (fieldWasQuoted) {
                    throw new InvalidInputException(name + " line " + line + ": unexpected text after a closing quote");
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new InvalidInputException(name + " line " + recordLine + ": a quoted field is never closed");
            }
            fields.add(field.toString());
            addUnlessBlank(records, recordLine, fields);
            return records;
        }

        private static void addUnlessBlank(List<CsvRecord> records, long line, List<String> fields) {
            if (!(fields.size() == 1 && fields.getFirst().isBlank())) {
                records.add(new CsvRecord(line, fields));
            }
        }
    }
}
