using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.IntegrationTests.DBus;

public class Smoke
{
    [Fact]
    public async Task Hello()
    {
        await using var daemon = await DBusDaemon.StartAsync();
        await using var a = await DBusConnection.ConnectAsync(daemon.Address, DefaultScheduler.Instance, TimeSpan.FromSeconds(5));
        a.UniqueName.Should().StartWith(":");
        var names = await a.ListNamesAsync(TimeSpan.FromSeconds(5));
        names.Should().Contain(a.UniqueName);
    }
}
