namespace Streams.Health;

/// <summary>The pipeline's state at one watchdog check (<see cref="LivenessCheck.CheckLiveness{T}"/>).</summary>
internal enum Liveness
{
    /// <summary>Something finished recently: the service manager may be told all is well.</summary>
    Alive,

    /// <summary>Nothing finished for longer than the stall limit: stay silent so the service manager restarts us.</summary>
    Stalled,
}
