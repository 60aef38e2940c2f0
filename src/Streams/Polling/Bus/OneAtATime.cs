using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Streams.Polling.Bus;

/// <summary>
/// Runs pieces of work on one device one at a time, in the order they were subscribed: polls and
/// commands share one BLE connection and must not interleave their requests.
/// <code>
/// poll    : ^--a--|
/// command :    ^.....--b--|      (waits for the poll, then runs)
/// </code>
/// Disposing a waiting piece removes it from the queue; disposing a running one lets the next start.
/// </summary>
internal sealed class OneAtATime
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Turn> _waiting = [];
    private Turn? _running;

    public IObservable<T> Run<T>(IObservable<T> work) =>
        Observable.Create<T>(observer =>
        {
            var inner = new SingleAssignmentDisposable();
            var turn = new Turn();
            turn.Start = () => inner.Disposable = work.Subscribe(
                observer.OnNext,
                error =>
                {
                    observer.OnError(error);
                    Leave(turn);
                },
                () =>
                {
                    observer.OnCompleted();
                    Leave(turn);
                });
            Enter(turn);
            return Disposable.Create(() =>
            {
                inner.Dispose();
                Leave(turn);
            });
        });

    private void Enter(Turn turn)
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                turn.Node = _waiting.AddLast(turn);
                return;
            }

            _running = turn;
        }

        turn.Start();
    }

    private void Leave(Turn turn)
    {
        Turn? next;
        lock (_gate)
        {
            if (turn.Node is { List: not null } node)
            {
                _waiting.Remove(node);
                return;
            }

            if (_running != turn)
            {
                return;
            }

            next = _waiting.First?.Value;
            if (next is not null)
            {
                _waiting.RemoveFirst();
                next.Node = null;
            }

            _running = next;
        }

        next?.Start();
    }

    private sealed class Turn
    {
        public Action Start { get; set; } = static () => { };

        public LinkedListNode<Turn>? Node { get; set; }
    }
}
