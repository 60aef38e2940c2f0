using Xunit.Sdk;

namespace Streams.Testing.Marbles;

/// <summary>A marble run whose output or subscription logs differ from the file; the message shows both diagrams.</summary>
public sealed class MarbleMismatchException(string message) : XunitException(message);
