using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using Serilog;

namespace Streams.Mqtt;

/// <summary>
/// MQTTnet TLS options for <see cref="MqttTlsOptions"/>: with a CA file, the broker's chain must end
/// at that CA and only that CA (a custom root trust, the system store not consulted); the host name
/// is checked unless switched off; <see cref="MqttTlsOptions.Insecure"/> turns every check off.
/// </summary>
internal static class MqttNetTls
{
    public static MqttClientTlsOptions Build(MqttTlsOptions tls, string host, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var builder = new MqttClientTlsOptionsBuilder()
            .UseTls()
            .WithTargetHost(tls.ServerName ?? host)
            .WithSslProtocols(SslProtocols.None) // let the OS pick TLS 1.2 / 1.3
            .WithRevocationMode(X509RevocationMode.NoCheck); // a private CA publishes no revocation list
        if (tls.CaFile is not null)
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(tls.CaFile);
            if (trusted.Count == 0)
            {
                throw new AuthenticationException($"MQTT TLS CA file '{tls.CaFile}' holds no PEM certificate");
            }

            builder = builder.WithTrustChain(trusted);
        }

        if (tls.ClientCertificateFile is not null && tls.ClientKeyFile is not null)
        {
            builder = builder.WithClientCertificates([X509Certificate2.CreateFromPemFile(tls.ClientCertificateFile, tls.ClientKeyFile)]);
        }

        if (tls.Insecure)
        {
            logger.Warning("MQTT TLS certificate verification is OFF (insecure): the broker's identity is not checked");
            return builder.WithCertificateValidationHandler(_ => true).Build();
        }

        var verifyHostname = tls.VerifyHostname;
        return builder.WithCertificateValidationHandler(args => Accept(args.SslPolicyErrors, verifyHostname)).Build();
    }

    /// <summary>The chain was already built against the trust chain above; only the host name check may be waived.</summary>
    internal static bool Accept(SslPolicyErrors errors, bool verifyHostname)
    {
        if (!verifyHostname)
        {
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        return errors == SslPolicyErrors.None;
    }
}
