using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Serilog;

namespace Streams.Bench.Baseline.Transport;

/// <summary>Builds the SslStream client options for <see cref="MqttTlsOptions"/>.</summary>
internal static class MqttTlsAuthenticator
{
    public static SslClientAuthenticationOptions CreateOptions(MqttTlsOptions tls, string host, ILogger logger)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = tls.ServerName ?? host,
            EnabledSslProtocols = SslProtocols.None, // let the OS pick TLS 1.2 / 1.3
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };

        if (tls.CaFile is not null)
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(tls.CaFile);
            if (trusted.Count == 0)
            {
                throw new AuthenticationException($"MQTT TLS CA file '{tls.CaFile}' holds no PEM certificate");
            }

            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(trusted);
            options.CertificateChainPolicy = policy;
        }

        if (tls.ClientCertificateFile is not null && tls.ClientKeyFile is not null)
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.ClientCertificateFile, tls.ClientKeyFile)];
        }

        var verifyHostname = tls.VerifyHostname;
        if (tls.Insecure)
        {
            logger.Warning("MQTT TLS certificate verification is OFF (insecure): the broker's identity is not checked");
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else
        {
            options.RemoteCertificateValidationCallback = (_, _, _, errors) =>
            {
                if (!verifyHostname)
                {
                    errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
                }

                return errors == SslPolicyErrors.None;
            };
        }

        return options;
    }
}
