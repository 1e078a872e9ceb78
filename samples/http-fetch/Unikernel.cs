using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using Mirage.Runtime;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network.HttpClients;

namespace Unikernel;

/// <summary>
/// Fetches <c>--uri</c> with the HTTP client (mirage-skeleton's device-usage/http-fetch): logs the
/// status, the protocol, the body's length and SHA-256. Exits 0 on a 2xx answer, 1 when there is no
/// answer (a name that does not resolve, nobody listening, a refused certificate), 2 on another status.
/// </summary>
public sealed class Fetch(HttpClient client, string uri) : IJob
{
    public const int NoAnswerExitCode = 1;
    public const int NotSuccessExitCode = 2;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            Log.Error($"--uri: '{uri}' is not an absolute http or https URI");
            throw new UnikernelExitException(NoAnswerExitCode);
        }
        Log.Info($"fetching {target}");
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await client.GetAsync(target, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            Log.Error($"fetching {target} failed: {HttpFailure.Describe(e)}");
            throw new UnikernelExitException(NoAnswerExitCode);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Error($"fetching {target} failed: {HttpFailure.Describe(e)}");
            throw new UnikernelExitException(NoAnswerExitCode);
        }
        using (response)
        {
            var version = response.Version.Major >= 2 ? response.Version.Major.ToString(CultureInfo.InvariantCulture) : response.Version.ToString(2);
            Log.Info($"status {(int)response.StatusCode} {response.ReasonPhrase} over HTTP/{version}");
            Log.Info($"body: {body.Length} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(body))}");
            if (!response.IsSuccessStatusCode)
            {
                Log.Error($"{target} answered {(int)response.StatusCode} {response.ReasonPhrase}, not a success (2xx)");
                throw new UnikernelExitException(NotSuccessExitCode);
            }
        }
    }
}
