using FluentAssertions;
using Streams.Composition;
using Xunit;

namespace Streams.Tests.Composition;

public sealed class ReplayRoomTests
{
    [Fact]
    public async Task A_reader_without_room_goes_on_once_half_the_room_is_free_again()
    {
        using var room = new ReplayRoom(8);
        for (var i = 0; i < 8; i++)
        {
            room.Take(CancellationToken.None);
        }

        var reader = Task.Run(() =>
        {
            room.Take(CancellationToken.None);
            return "took the ninth place";
        });
        for (var i = 0; i < 4; i++)
        {
            room.Release();
        }

        (await reader.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be("took the ninth place");
    }

    [Fact]
    public async Task A_waiting_reader_is_ended_by_cancellation()
    {
        using var room = new ReplayRoom(2);
        room.Take(CancellationToken.None);
        room.Take(CancellationToken.None);
        using var stop = new CancellationTokenSource();

        var reader = Task.Run(() => room.Take(stop.Token));
        await stop.CancelAsync();

        await FluentActions.Awaiting(() => reader.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Places_given_back_can_be_taken_again_without_waiting()
    {
        using var room = new ReplayRoom(1);
        for (var i = 0; i < 1000; i++)
        {
            room.Take(CancellationToken.None);
            room.Release();
        }

        // Room is there, so even a cancelled token does not stop the taking.
        room.Take(new CancellationToken(canceled: true));
    }
}
