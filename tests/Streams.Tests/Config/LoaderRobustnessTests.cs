using FsCheck;
using FsCheck.Fluent;
using Streams.Composition;
using Xunit;

namespace Streams.Tests.Config;

/// <summary>Whatever a user writes, loading returns errors as values: no exception, every error on one line.</summary>
public sealed class LoaderRobustnessTests
{
    private const string Valid = """
        sources:
          - kind: eg4-modbus
            port: /dev/ttyUSB0
            timeout: 1.5s
            packs: [{name: pack1, address: 1}]
        mqtt:
          host: broker
          username: u
          password: "${PW}"
        """;

    private static bool LoadsWithoutThrowing(string text)
    {
        var result = Configuration.LoadFromText(text, "fuzz.yaml", _ => "x");
        return result.Succeeded
            ? result.Errors.Count == 0
            : result.Errors.Count > 0 && result.Errors.All(e => !e.ToString().Contains('\n') && e.ToString().StartsWith("fuzz.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Random_yaml_like_text_never_throws()
    {
        var yamlCharacters = Gen.Elements("abc:-[]{}&*!|>'\"#%@`,?~$ \n\t019.".ToCharArray());
        var text = yamlCharacters.ArrayOf().Select(chars => new string(chars)).ToArbitrary();

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(text, LoadsWithoutThrowing));
    }

    [Fact]
    public void Any_truncation_of_a_valid_file_never_throws()
    {
        var lengths = Gen.Choose(0, Valid.Length).ToArbitrary();

        Prop.ForAll(lengths, length => LoadsWithoutThrowing(Valid[..length])).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_single_character_replaced_in_a_valid_file_never_throws()
    {
        var edits = Gen.Zip(Gen.Choose(0, Valid.Length - 1), Gen.Elements(":-[]{}&*!|>'\"# \n\t0x".ToCharArray())).ToArbitrary();

        Prop.ForAll(edits, edit =>
            {
                var (position, character) = edit;
                var text = string.Concat(Valid.AsSpan(0, position), character.ToString(), Valid.AsSpan(position + 1));
                return LoadsWithoutThrowing(text);
            })
            .QuickCheckThrowOnFailure();
    }
}
