namespace Streams.Sources.DBus;

/// <summary>Receives the reply (return or error) to one sent call, or the failure that prevents it.</summary>
internal interface IReplyHandler
{
    /// <summary>Runs on the read loop; must be quick and must not throw.</summary>
    void OnReply(DBusMessage reply);

    void OnFailure(Exception error);
}
