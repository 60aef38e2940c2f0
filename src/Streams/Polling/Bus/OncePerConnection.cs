namespace Streams.Polling.Bus;

/// <summary>
/// Remembers whether a pack's one-off read (identity, firmware) was tried on the current connection.
/// Only touched from the pack's own polls, which never overlap.
/// </summary>
internal sealed class OncePerConnection
{
    private int _triedOn;

    public bool IsDue(int generation) => generation != 0 && _triedOn != generation;

    public void Tried(int generation) => _triedOn = generation;
}
