namespace Streams.Testing.Marbles;

/// <summary>One input diagram of a .marble file.</summary>
/// <param name="Name">Name the scenario asks for with <see cref="IMarbleContext.Input"/>.</param>
/// <param name="Hot">Listed in <c>@hot</c>: absolute frames, shared; otherwise cold (relative per subscription).</param>
/// <param name="Diagram">The parsed diagram.</param>
/// <param name="Error">What its '#' raises.</param>
/// <param name="Line">1-based line in the file, for messages.</param>
public sealed record MarbleFileInput(string Name, bool Hot, MarbleDiagram Diagram, MarbleError Error, int Line);
