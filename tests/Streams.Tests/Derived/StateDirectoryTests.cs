using FluentAssertions;
using Streams.Derived;
using Xunit;

namespace Streams.Tests.Derived;

public sealed class StateDirectoryTests
{
    private static string Default(params (string Name, string Value)[] environment) =>
        StateDirectory.Default(name => environment.FirstOrDefault(e => e.Name == name).Value, "/home/pi");

    [Fact]
    public void Systemd_state_directory_comes_first() =>
        Default(("STATE_DIRECTORY", "/var/lib/streams"), ("XDG_STATE_HOME", "/x")).Should().Be("/var/lib/streams");

    [Fact]
    public void Of_several_systemd_state_directories_the_first_is_used() =>
        Default(("STATE_DIRECTORY", "/var/lib/streams:/var/lib/other")).Should().Be("/var/lib/streams");

    [Fact]
    public void Then_xdg_state_home() =>
        Default(("XDG_STATE_HOME", "/home/pi/.state")).Should().Be("/home/pi/.state/streams");

    [Fact]
    public void Then_the_home_directory() =>
        Default().Should().Be("/home/pi/.local/state/streams");

    [Fact]
    public void Relative_values_are_ignored_as_the_xdg_specification_asks() =>
        Default(("STATE_DIRECTORY", "state"), ("XDG_STATE_HOME", "relative")).Should().Be("/home/pi/.local/state/streams");

    [Fact]
    public void This_process_gets_an_absolute_directory() =>
        Path.IsPathRooted(StateDirectory.Default()).Should().BeTrue();
}
