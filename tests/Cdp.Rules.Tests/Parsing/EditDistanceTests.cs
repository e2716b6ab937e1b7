using Cdp.Rules.Diagnostics;

namespace Cdp.Rules.Tests.Parsing;

/// <summary>
/// The did-you-mean distance (Damerau-Levenshtein: insert, delete, substitute, swap two neighbours, each one step,
/// letters compared without case) and the choice of the closest name within a limit that grows with the word. The
/// survivors of mutation run 3 in this file were the edges: empty words, a swap at the very start or end, the tie
/// between equally close names and the limit itself.
/// </summary>
public class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("abc", "abc", 0)]
    [InlineData("ABC", "abc", 0)]
    [InlineData("abc", "abd", 1)]
    [InlineData("abc", "abcd", 1)]
    [InlineData("abcd", "abc", 1)]
    [InlineData("ab", "ba", 1)] // a swap at the start and the end at once
    [InlineData("abcd", "bacd", 1)]
    [InlineData("abcd", "abdc", 1)]
    [InlineData("abcd", "badc", 2)] // two swaps
    [InlineData("abc", "cab", 2)] // not one swap: two steps
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)] // the restricted distance: a swap is not edited again
    public void The_distance_counts_each_insert_delete_substitution_and_neighbour_swap_as_one(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
        Assert.Equal(expected, EditDistance.Between(b, a));
    }

    [Fact]
    public void Of_equally_close_names_the_ordinally_smallest_is_suggested_whatever_their_order()
    {
        string[] names = ["spend_8d", "spend_7d", "spend_9d"];
        Assert.Equal("spend_7d", EditDistance.Closest("spend_0d", names));
        Assert.Equal("spend_7d", EditDistance.Closest("spend_0d", names.Reverse()));
        Assert.Equal("spend_7d", EditDistance.Closest("spend_7d", ["spend_8d", "spend_7d"])); // an exact match beats any tie
    }

    [Theory]
    [InlineData("ab", "xy", null)] // length 2: at most 1 step
    [InlineData("ab", "xb", "xb")]
    [InlineData("abcd", "abxy", null)] // length 4: at most 1 step
    [InlineData("abcde", "abcxy", "abcxy")] // length 5: at most 2 steps
    [InlineData("abcde", "abxyz", null)]
    [InlineData("abcdefgh", "abcdexyz", "abcdexyz")] // length 8: at most 3 steps
    [InlineData("abcdefgh", "abcdwxyz", null)]
    public void A_name_is_suggested_only_within_a_third_of_the_words_length_and_at_least_one_step(string word, string candidate, string? expected)
    {
        Assert.Equal(expected, EditDistance.Closest(word, [candidate]));
    }

    [Fact]
    public void No_candidates_no_suggestion()
    {
        Assert.Null(EditDistance.Closest("sessions_7d", []));
    }
}
