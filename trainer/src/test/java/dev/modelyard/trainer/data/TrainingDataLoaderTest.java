package dev.modelyard.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.SyntheticData;
import dev.modelyard.trainer.model.CategoricalColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataLoaderTest {
    @TempDir
    Path dir;

    @Test
    void csvColumnsThatAreAllNumbersAreFeaturesAndTheRestIsIgnored() throws IOException {
        Path train = write("train.csv", String.join("\n",
                "name,age,\"spend, monthly\",note,plan",
                "ana,34,12.5,\"said \"\"hi\"\"\",gold",
                "bo,51,-3e1,,basic",
                "cy,28,.5,ok,gold"));
        Path valid = write("valid.csv", "age,\"spend, monthly\",plan\r\n40,1,basic\r\n");

        TrainingData data = TrainingDataLoader.load(train, valid, "plan", ColumnSelection.AUTOMATIC, 1);

        assertThat(data.featureNames()).containsExactly("age", "spend, monthly");
        assertThat(data.ignoredColumns()).containsExactly("name", "note");
        assertThat(data.classLabels()).containsExactly("basic", "gold");
        assertThat(data.train().features()).isDeepEqualTo(
                new double[][] {{34, 12.5}, {51, -30}, {28, 0.5}});
        assertThat(data.train().labels()).containsExactly(1, 0, 1);
        assertThat(data.valid().features()).isDeepEqualTo(new double[][] {{40, 1}});
        assertThat(data.valid().labels()).containsExactly(0);
    }

    @Test
    void jsonLinesWithNumericLabelsSortThemAsNumbers() throws IOException {
        Path train = write("train.jsonl", """
                {"x": 1.5, "user": "u1", "grade": 10}
                {"x": 2, "user": "u2", "grade": 9}

                {"x": -1, "user": "u3", "grade": 10, "extra": 4}
                """);

        TrainingData data = TrainingDataLoader.load(train, write("valid.jsonl", "{\"x\": 0, \"grade\": 9}\n"), "grade", ColumnSelection.AUTOMATIC, 1);

        assertThat(data.featureNames()).containsExactly("x");
        // "extra" is missing from two rows, so it is not all numbers.
        assertThat(data.ignoredColumns()).containsExactly("user", "extra");
        assertThat(data.classLabels()).containsExactly("9", "10");
        assertThat(data.train().labels()).containsExactly(1, 0, 1);
    }

    @Test
    void withoutAValidationFileTenPercentIsHeldOutTheSameWayForTheSameSeed() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path train = write("train.csv", csv.toString());

        TrainingData first = TrainingDataLoader.load(train, null, "y", ColumnSelection.AUTOMATIC, 42);
        TrainingData again = TrainingDataLoader.load(train, null, "y", ColumnSelection.AUTOMATIC, 42);

        assertThat(first.valid().size()).isEqualTo(10);
        assertThat(first.train().size()).isEqualTo(90);
        assertThat(first.valid().features()).isDeepEqualTo(again.valid().features());
        assertThat(TrainingDataLoader.load(train, null, "y", ColumnSelection.AUTOMATIC, 43).valid().features()).isNotEqualTo(first.valid().features());
    }

    @Test
    void aMissingLabelColumnIsNamedWithTheColumnsThereAre() throws IOException {
        Path train = write("train.csv", "a,b\n1,2\n3,4\n");

        assertThatThrownBy(() -> TrainingDataLoader.load(train, null, "churned", ColumnSelection.AUTOMATIC, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("label_column \"churned\" is not a column of train.csv (columns: a, b)");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsNamedByItsLine() throws IOException {
        Path train = write("train.csv", "a,b,y\n1,2,p\n3,q\n");

        assertThatThrownBy(() -> TrainingDataLoader.load(train, null, "y", ColumnSelection.AUTOMATIC, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("train.csv line 3: expected 3 fields as in the header, found 2");
    }

    @Test
    void aRowWithoutALabelIsNamedByItsLine() throws IOException {
        Path train = write("train.csv", "a,y\n1,p\n2,q\n3,\n");

        assertThatThrownBy(() -> TrainingDataLoader.load(train, null, "y", ColumnSelection.AUTOMATIC, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("train.csv line 4: the label column \"y\" has no value");
    }

    @Test
    void brokenJsonLinesAreNamedByTheirLine() throws IOException {
        Path train = write("train.jsonl", "{\"a\": 1, \"y\": \"p\"}\n{\"a\": 2, \"y\": \n");

        assertThatThrownBy(() -> TrainingDataLoader.load(train, null, "y", ColumnSelection.AUTOMATIC, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("train.jsonl line 2: not valid JSON");
    }

    @Test
    void validationRowsMustHaveNumericFeaturesAndKnownLabels() throws IOException {
        Path train = write("train.csv", "a,y\n1,p\n2,q\n");

        assertThatThrownBy(() -> TrainingDataLoader.load(train, write("v1.csv", "a,y\n1,p\nx,q\n"), "y", ColumnSelection.AUTOMATIC, 1))
                .hasMessage("v1.csv line 3: feature \"a\" must be a number, found \"x\"");
        assertThatThrownBy(() -> TrainingDataLoader.load(train, write("v2.csv", "a,y\n1,r\n"), "y", ColumnSelection.AUTOMATIC, 1))
                .hasMessage("v2.csv line 2: label \"r\" does not occur in the training file (classes: p, q)");
    }

    @Test
    void aFileWithoutNumericColumnsOrWithOneClassCannotBeTrainedOn() throws IOException {
        assertThatThrownBy(() -> TrainingDataLoader.load(write("t1.csv", "a,y\nx,p\nz,q\n"), null, "y", ColumnSelection.AUTOMATIC, 1))
                .hasMessageContaining("no column whose values are all numbers");
        assertThatThrownBy(() -> TrainingDataLoader.load(write("t2.csv", "a,y\n1,p\n2,p\n"), null, "y", ColumnSelection.AUTOMATIC, 1))
                .hasMessageContaining("single value");
    }

    @Test
    void lowCardinalityTextColumnsAreCategoricalOverTheirFrequentValues() throws IOException {
        Path train = SyntheticData.writeCategoricalCsv(dir.resolve("train.csv"), 200, 3);

        TrainingData data = TrainingDataLoader.load(train, null, "churned", ColumnSelection.AUTOMATIC, 1);

        assertThat(data.featureNames()).isEqualTo(SyntheticData.FEATURE_NAMES);
        // "atlantis" occurs in two rows only: too rare for the vocabulary. The few, repeated pseudonyms are no category.
        assertThat(data.categoricalColumns()).containsExactly(
                new CategoricalColumn("plan", SyntheticData.PLANS), new CategoricalColumn("region", SyntheticData.REGIONS));
        assertThat(data.ignoredColumns()).containsExactly("customer");
        List<String[]> rows = new ArrayList<>(List.of(data.train().categories()));
        rows.addAll(List.of(data.valid().categories()));
        assertThat(rows).hasSize(200).allSatisfy(row -> assertThat(row).hasSize(2));
        assertThat(rows).extracting(row -> row[1]).contains("atlantis", null, "east");
    }

    @Test
    void manyDistinctValuesOrOneFrequentValueAreNotCategories() throws IOException {
        StringBuilder csv = new StringBuilder("code,placeholder,flag,x,y\n");
        for (int i = 0; i < 60; i++) {
            csv.append("c").append(i % 25).append(",<EMAIL>,").append(i % 3 == 0 ? "a" : "b").append(',').append(i)
                    .append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }

        TrainingData data = TrainingDataLoader.load(write("train.csv", csv.toString()), null, "y", ColumnSelection.AUTOMATIC, 1);

        assertThat(data.categoricalColumns()).containsExactly(new CategoricalColumn("flag", List.of("a", "b")));
        assertThat(data.ignoredColumns()).containsExactly("code", "placeholder");
    }

    @Test
    void declaredCategoricalColumnsReplaceTheRuleAndExcludedColumnsAreNeverUsed() throws IOException {
        StringBuilder csv = new StringBuilder("age,store,plan,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(20 + i).append(',').append(100 + i % 4).append(',').append(i % 2 == 0 ? "gold" : "basic")
                    .append(',').append(i % 3 == 0 ? "p" : "q").append('\n');
        }
        Path train = write("train.csv", csv.toString());

        TrainingData data = TrainingDataLoader.load(train, null, "y", new ColumnSelection(List.of("store"), List.of("age")), 1);

        // Store numbers are labels of stores, not quantities: declared, they are categories like any text.
        assertThat(data.categoricalColumns()).containsExactly(new CategoricalColumn("store", List.of("100", "101", "102", "103")));
        assertThat(data.featureNames()).isEmpty();
        assertThat(data.ignoredColumns()).containsExactly("age", "plan");
    }

    @Test
    void aValidationFileKeepsItsRawCategoriesButMustHaveTheCategoricalColumns() throws IOException {
        StringBuilder csv = new StringBuilder("x,premium,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(i % 2 == 0).append(',').append(i % 3 == 0 ? "p" : "q").append('\n');
        }
        Path train = write("train.csv", csv.toString());

        TrainingData data = TrainingDataLoader.load(train, write("valid.csv", "x,premium,y\n1,maybe,p\n2,,q\n"), "y",
                ColumnSelection.AUTOMATIC, 1);

        assertThat(data.categoricalColumns()).containsExactly(new CategoricalColumn("premium", List.of("false", "true")));
        assertThat(data.valid().categories()).isDeepEqualTo(new String[][] {{"maybe"}, {null}});
        assertThatThrownBy(() -> TrainingDataLoader.load(train, write("v2.csv", "x,y\n1,p\n"), "y", ColumnSelection.AUTOMATIC, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("v2.csv lacks the categorical column \"premium\"");
    }

    @Test
    void columnsTheSpecNamesMustExistAndADeclaredColumnNeedsFrequentValues() throws IOException {
        Path train = write("train.csv", "a,note,y\n1,x,p\n2,y,q\n3,z,p\n");

        assertThatThrownBy(() -> TrainingDataLoader.load(train, null, "y", new ColumnSelection(null, List.of("a", "nots")), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("excluded_columns[1] \"nots\" is not a column of train.csv (columns: a, note, y)");
        assertThatThrownBy(() -> TrainingDataLoader.load(train, null, "y", new ColumnSelection(List.of("note"), List.of()), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("categorical_columns: no value of column \"note\" occurs in 5 or more rows of train.csv");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
