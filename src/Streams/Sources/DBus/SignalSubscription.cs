namespace Streams.Sources.DBus;

/// <summary>
/// One subscriber of <see cref="DBusConnection.WatchSignals"/>: filters the signals the read loop
/// hands it by its rule and forwards them, one notification at a time, to its observer. When the
/// rule names a well-known sender it tracks that name's owner (initial GetNameOwner answer, then
/// NameOwnerChanged), because signals carry the owner's unique name, not the well-known one.
/// </summary>
internal sealed class SignalSubscription
{
    private readonly IObserver<DBusMessage> _observer;
    private readonly Action<SignalSubscription> _detach;
    private readonly object _gate = new();
    private bool _stopped;
    private bool _ownerKnown;
    private bool _ownerChangeSeen;
    private string? _owner;

    public SignalSubscription(DBusMatchRule rule, IObserver<DBusMessage> observer, Action<SignalSubscription> detach)
    {
        Rule = rule;
        _observer = observer;
        _detach = detach;
        TracksOwner = rule.Sender is { } sender && !sender.StartsWith(':') && sender != DBusBus.Name;
        _ownerKnown = !TracksOwner;
    }

    public DBusMatchRule Rule { get; }

    public bool TracksOwner { get; }

    /// <summary>The rule that keeps NameOwnerChanged for the tracked sender flowing.</summary>
    public DBusMatchRule OwnerRule => DBusBus.NameOwnerChangedRule(Rule.Sender);

    /// <summary>Called on the read loop with the GetNameOwner answer (null: the name has no owner).</summary>
    public void SetInitialOwner(string? owner)
    {
        if (!_ownerChangeSeen)
        {
            _owner = owner;
        }

        _ownerKnown = true;
    }

    /// <summary>Called on the read loop for every signal the connection receives.</summary>
    public void OnSignal(DBusMessage signal)
    {
        if (TracksOwner && DBusBus.TryParseNameOwnerChanged(signal, out var change) && change.Name == Rule.Sender)
        {
            _owner = change.NewOwner;
            _ownerChangeSeen = true;
            _ownerKnown = true;
        }

        if (!_ownerKnown || !Rule.Matches(signal, _owner))
        {
            return;
        }

        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            try
            {
                _observer.OnNext(signal);
            }
            catch (Exception)
            {
                // An observer that throws is cut off instead of killing the read loop. Rx's wrapper
                // has already disposed the subscription (which queues RemoveMatch) and would drop an OnError.
                _stopped = true;
                _detach(this);
            }
        }
    }

    public void Fail(Exception error) => Stop(() => _observer.OnError(error));

    public void Complete() => Stop(_observer.OnCompleted);

    /// <summary>Stops delivery without notifying (the subscriber disposed).</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _stopped = true;
        }
    }

    private void Stop(Action notify)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _detach(this);
            TryNotify(notify);
        }
    }

    private static void TryNotify(Action notify)
    {
        try
        {
            notify();
        }
        catch (Exception)
        {
            // The observer's own terminal handler failed; there is no one left to tell.
        }
    }
}
