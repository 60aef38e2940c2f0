namespace Streams.Testing.Marbles;

/// <summary>A parsed observable diagram.</summary>
/// <param name="Events">Marbles in diagram order; frames are relative to '^' when there is one.</param>
/// <param name="FirstFrame">Frame of the first character: 0, or negative when a '^' comes later.</param>
/// <param name="LastFrame">Last frame the diagram covers (its final '-', marble or progression).</param>
public sealed record MarbleDiagram(IReadOnlyList<MarbleEvent> Events, long FirstFrame, long LastFrame);
