using FluentAssertions;
using Streams.Core;
using Xunit;

namespace Streams.Tests.Health;

public class PollOutcomeTests
{
    [Fact]
    public void Category_is_type_and_message_head_like_the_seed()
    {
        var outcome = PollOutcome.FromException(new TimeoutException("no reply: waited 1.5 s"));

        outcome.Succeeded.Should().BeFalse();
        outcome.Category.Should().Be("TimeoutException:no reply");
        outcome.Detail.Should().Be("no reply: waited 1.5 s");
    }

    [Fact]
    public void Messages_differing_after_the_colon_share_a_category()
    {
        var first = PollOutcome.FromException(new IOException("read failed: EIO"));
        var second = PollOutcome.FromException(new IOException("read failed: EAGAIN"));

        first.Category.Should().Be(second.Category);
    }

    [Fact]
    public void Success_has_no_category()
    {
        PollOutcome.Success.Succeeded.Should().BeTrue();
        PollOutcome.Success.Category.Should().BeNull();
    }
}
