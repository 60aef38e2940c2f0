using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>
/// A throwaway PKI written as PEM files: a CA, a server certificate for localhost/127.0.0.1, a
/// client certificate for mutual TLS, and an unrelated "rogue" CA for negative tests. Made with
/// CertificateRequest, so no openssl is needed.
/// </summary>
internal sealed class TestPki
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private TestPki(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.crt");

    public string ServerCertificateFile => Path.Combine(Directory, "server.crt");

    public string ServerKeyFile => Path.Combine(Directory, "server.key");

    public string ClientCertificateFile => Path.Combine(Directory, "client.crt");

    public string ClientKeyFile => Path.Combine(Directory, "client.key");

    public string RogueCaFile => Path.Combine(Directory, "rogue-ca.crt");

    public static TestPki Create(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var pki = new TestPki(directory);
        using var ca = CreateCa("CN=streams test CA", out var caKey);
        using (caKey)
        {
            File.WriteAllText(pki.CaFile, ca.ExportCertificatePem());
            IssueLeaf(ca, "CN=localhost", ServerAuth, includeSan: true, pki.ServerCertificateFile, pki.ServerKeyFile);
            IssueLeaf(ca, "CN=streams-bridge", ClientAuth, includeSan: false, pki.ClientCertificateFile, pki.ClientKeyFile);
        }

        using var rogue = CreateCa("CN=rogue CA", out var rogueKey);
        rogueKey.Dispose();
        File.WriteAllText(pki.RogueCaFile, rogue.ExportCertificatePem());
        return pki;
    }

    private static X509Certificate2 CreateCa(string subject, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    private static void IssueLeaf(X509Certificate2 ca, string subject, Oid usage, bool includeSan, string certificateFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (includeSan)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
