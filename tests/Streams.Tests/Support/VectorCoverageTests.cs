using FluentAssertions;
using Xunit;

namespace Streams.Tests.Support;

/// <summary>Every vector in frames.json has a test here; a vector added to the file fails this until one is written.</summary>
public class VectorCoverageTests
{
    private static readonly string[] Covered =
    [
        "jbd-req-03", "jbd-req-04", "jbd-req-05",
        "jbd-write-e1-0", "jbd-write-e1-1", "jbd-write-e1-2", "jbd-write-e1-3", "jbd-ack-e1",
        "jbd-03-sp04s034-a", "jbd-04-sp04s034-a", "jbd-03-protocol-doc", "jbd-04-protocol-doc", "jbd-05-protocol-doc",
        "jbd-auth-appkey", "jbd-auth-getrandom", "jbd-auth-random-0x61", "jbd-auth-password-123412",
        "eg4lp-7e-readme", "eg4lp-7e-req-general-a1",
        "eg4ll-wombatt-info", "eg4ll-req-status-a1", "eg4-bus-resp-6500ex",
        "modbus-neg-badcrc-resp", "modbus-sniff-stream-req-resp",
    ];

    [Fact]
    public void The_vector_file_is_present_and_every_vector_is_covered()
    {
        File.Exists(FrameVectors.FilePath).Should().BeTrue($"the test vectors should be copied to {FrameVectors.FilePath}");

        FrameVectors.ById.Keys.Should().BeEquivalentTo(Covered);
    }

    [Fact]
    public void Every_vector_hex_is_well_formed()
    {
        foreach (var vector in FrameVectors.ById.Values)
        {
            vector.Bytes.Should().NotBeEmpty(vector.Id);
            vector.Source.Should().NotBeNullOrWhiteSpace(vector.Id);
        }
    }
}
