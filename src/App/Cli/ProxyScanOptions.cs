using System.CommandLine;
using System.CommandLine.Parsing;

namespace Streams.App.Cli;

/// <summary>The options of <c>streams scan --esphome</c>: the proxy, its API port and its encryption key.</summary>
internal sealed class ProxyScanOptions
{
    private readonly Option<string?> _host = new("--esphome")
    {
        Description = "Scan through the ESPHome Bluetooth proxy at this host name or address instead of BlueZ.",
        HelpName = "HOST",
    };

    private readonly Option<int> _port = new("--port")
    {
        Description = "The proxy's native API port (1-65535).",
        DefaultValueFactory = _ => 6053,
    };

    private readonly Option<string?> _key = new("--encryption-key")
    {
        Description = "The proxy's API encryption key (base64, api: encryption: key in its YAML); other users can read it in the process list, prefer --encryption-key-file.",
        HelpName = "KEY",
    };

    private readonly Option<FileInfo?> _keyFile = new("--encryption-key-file")
    {
        Description = "A file holding the proxy's API encryption key (first line).",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        _port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > ushort.MaxValue)
            {
                result.AddError("--port must be between 1 and 65535");
            }
        });
        command.Options.Add(_host);
        command.Options.Add(_port);
        command.Options.Add(_key);
        command.Options.Add(_keyFile);
        command.Validators.Add(result =>
        {
            var proxy = result.GetValue(_host) is not null;
            if (!proxy && (result.GetResult(_port) is { Implicit: false } || result.GetResult(_key) is not null || result.GetResult(_keyFile) is not null))
            {
                result.AddError("--port, --encryption-key and --encryption-key-file need --esphome HOST");
            }

            if (result.GetResult(_key) is not null && result.GetResult(_keyFile) is not null)
            {
                result.AddError("give --encryption-key or --encryption-key-file, not both");
            }

            if (result.GetValue(_host) is { } host && (host.Length == 0 || host.Contains("://", StringComparison.Ordinal) || host.Contains('/') || host.Any(char.IsWhiteSpace)))
            {
                result.AddError("--esphome takes a host name or address (no scheme, path or spaces; the port goes in --port)");
            }
        });
    }

    public string? Host(CommandResult result) => result.GetValue(_host);

    public string? Host(ParseResult result) => result.GetValue(_host);

    public bool KeyFromFile(ParseResult result) => result.GetValue(_keyFile) is not null;

    public int Port(ParseResult result) => result.GetValue(_port);

    /// <summary>The key as given, or read from its file; null for a plaintext proxy.</summary>
    /// <exception cref="BadKeyException">The file cannot be read or is empty.</exception>
    public string? Key(ParseResult result)
    {
        if (result.GetValue(_keyFile) is not { } file)
        {
            return result.GetValue(_key);
        }

        try
        {
            var key = File.ReadAllText(file.FullName).TrimEnd('\r', '\n');
            return key.Length > 0 ? key : throw new BadKeyException($"--encryption-key-file {file.FullName} is empty");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new BadKeyException($"--encryption-key-file {file.FullName} cannot be read: {(error is FileNotFoundException or DirectoryNotFoundException ? "no such file" : error.Message)}", error);
        }
    }

    /// <summary>The key given cannot be used: its file is unreadable, or it is no ESPHome key. The message never repeats it.</summary>
    public sealed class BadKeyException(string message, Exception? inner = null) : Exception(message, inner);
}
