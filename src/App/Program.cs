using Streams.App.Cli;

return await StreamsCommandLine.InvokeAsync(args);
