namespace Streams.Derived;

/// <summary>
/// The default state directory (proposed config key <c>state_dir</c>): systemd's
/// <c>$STATE_DIRECTORY</c> (set by <c>StateDirectory=streams</c>; the first one when it lists
/// several), else <c>$XDG_STATE_HOME/streams</c>, else <c>~/.local/state/streams</c>. Relative
/// values are ignored, as the XDG specification asks.
/// </summary>
internal static class StateDirectory
{
    private const string Application = "streams";

    /// <summary>From this process's environment and home directory.</summary>
    public static string Default() =>
        Default(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public static string Default(Func<string, string?> environment, string home)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(home);
        var systemd = environment("STATE_DIRECTORY")?.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (IsAbsolute(systemd))
        {
            return systemd!;
        }

        var xdg = environment("XDG_STATE_HOME");
        return IsAbsolute(xdg)
            ? Path.Combine(xdg!, Application)
            : Path.Combine(home, ".local", "state", Application);
    }

    private static bool IsAbsolute(string? path) => !string.IsNullOrEmpty(path) && Path.IsPathRooted(path);
}
