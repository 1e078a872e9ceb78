using System.Security.Cryptography.X509Certificates;

namespace Mirage.Runtime.Http;

/// <summary>Server certificates for <see cref="HttpListen.Https"/>.</summary>
public static class Certificates
{
    /// <summary>
    /// A certificate with its private key, from PEM text (the certificate chain, then the key in
    /// PKCS#8, PKCS#1 or SEC1). Fails with a message naming what is wrong.
    /// </summary>
    public static X509Certificate2 FromPem(ReadOnlySpan<char> certificatePem, ReadOnlySpan<char> keyPem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidDataException($"cannot read the TLS certificate and key: {e.Message}", e);
        }
    }

    /// <summary>A certificate with its private key, from two PEM files.</summary>
    public static X509Certificate2 FromPemFiles(string certificatePath, string keyPath)
    {
        foreach (var path in new[] { certificatePath, keyPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"TLS file not found: {path}", path);
            }
        }
        return FromPem(File.ReadAllText(certificatePath), File.ReadAllText(keyPath));
    }
}
