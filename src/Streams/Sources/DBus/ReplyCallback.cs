namespace Streams.Sources.DBus;

/// <summary>
/// A reply handled inline on the read loop, before any later message is dispatched. Internal
/// bus calls (AddMatch, GetNameOwner) use it so their effects are ordered with the signals that follow.
/// </summary>
internal sealed class ReplyCallback(Action<DBusMessage> onReturn, Action<Exception> onFailure) : IReplyHandler
{
    public void OnReply(DBusMessage reply)
    {
        if (reply.Type == DBusMessageType.Error)
        {
            onFailure(DBusReplies.ToException(reply));
        }
        else
        {
            onReturn(reply);
        }
    }

    public void OnFailure(Exception error) => onFailure(error);
}
