package dev.modelyard.privacy.kanon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HierarchyTest {

    @Test
    void numbersGrowIntervalsFromARoundBaseWidthUntilOneHoldsEveryValue() {
        Hierarchy ages = Hierarchy.numbers(List.of("17", "34", "90"));
        // Range 73: a sixteenth is 4.6, rounded up to 5; then 10, 20, 40, 80; 160 would hold every value.
        assertThat(ages.height()).isEqualTo(6);
        assertThat(levels(ages, "17")).containsExactly("17", "[15, 20)", "[10, 20)", "[0, 20)", "[0, 40)",
                "[0, 80)", "*");
        assertThat(levels(ages, "90")).containsExactly("90", "[90, 95)", "[90, 100)", "[80, 100)", "[80, 120)",
                "[80, 160)", "*");
    }

    @Test
    void numbersKeepDecimalBoundsExactAndWholeNumbersGetIntervalsWiderThanOne() {
        Hierarchy scores = Hierarchy.numbers(List.of("0.1", "0.35", "0.9"));
        assertThat(scores.generalize("0.35", 1)).isEqualTo("[0.35, 0.4)");
        assertThat(scores.generalize("0.35", 2)).isEqualTo("[0.3, 0.4)");
        Hierarchy small = Hierarchy.numbers(List.of("1", "2", "5"));
        assertThat(small.generalize("5", 1)).isEqualTo("[4, 6)");
        assertThat(Hierarchy.numbers(List.of("7", "7")).height()).isEqualTo(1);
        assertThatThrownBy(() -> Hierarchy.numbers(List.of("12", "twelve")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'twelve' is not a number");
    }

    @Test
    void datesGoToMonthYearAndDecade() {
        Hierarchy dates = Hierarchy.dates(List.of("1984-07-21", "2003-01-02"));
        assertThat(dates.height()).isEqualTo(4);
        assertThat(levels(dates, "1984-07-21")).containsExactly("1984-07-21", "1984-07", "1984", "1980s", "*");
        assertThatThrownBy(() -> Hierarchy.dates(List.of("21/07/1984")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a date");
    }

    @Test
    void postalCodesLoseOneTrailingCharacterPerLevel() {
        Hierarchy codes = Hierarchy.postalCodes(List.of("75011", "7500", "13053"));
        assertThat(codes.height()).isEqualTo(5);
        assertThat(levels(codes, "75011")).containsExactly("75011", "7501*", "750**", "75***", "7****", "*");
        assertThat(levels(codes, "7500")).containsExactly("7500", "750*", "75**", "7***", "****", "*");
    }

    @Test
    void categoriesFollowTheUsersPathsWithOrWithoutTheValueAndTheTop() {
        Hierarchy cities = Hierarchy.categories(Map.of(
                "Paris", List.of("Paris", "Île-de-France", "France", "*"),
                "Lyon", List.of("Auvergne-Rhône-Alpes", "France"),
                "Berlin", List.of("Berlin", "Berlin", "Germany")), List.of("Paris", "Lyon", "Berlin", ""));
        assertThat(cities.height()).isEqualTo(3);
        assertThat(levels(cities, "Lyon")).containsExactly("Lyon", "Auvergne-Rhône-Alpes", "France", "*");
        assertThat(levels(cities, "Berlin")).containsExactly("Berlin", "Berlin", "Germany", "*");
        assertThat(levels(cities, "")).containsExactly("", "", "", "*");
    }

    @Test
    void categoriesRefuseMissingValuesUnevenPathsAndSplits() {
        assertThatThrownBy(() -> Hierarchy.categories(Map.of("a", List.of("x")), List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b' has no path");
        assertThatThrownBy(() -> Hierarchy.categories(Map.of("a", List.of("x"), "b", List.of("x", "y")),
                List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as many levels");
        assertThatThrownBy(() -> Hierarchy.categories(Map.of("a", List.of("x", "y"), "b", List.of("x", "z")),
                List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' generalizes to both");
    }

    private static List<String> levels(Hierarchy hierarchy, String value) {
        return java.util.stream.IntStream.rangeClosed(0, hierarchy.height())
                .mapToObj(level -> hierarchy.generalize(value, level)).toList();
    }
}
