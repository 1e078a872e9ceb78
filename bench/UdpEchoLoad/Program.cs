// UDP echo load for bench/udp-tap.sh.
//   client HOST PORT SIZE SECONDS WINDOW: keeps WINDOW datagrams of SIZE bytes in flight to an echo server for
//     SECONDS, refilling the window when replies stop for 50 ms (lost ones); prints echoed datagrams/s, Mbit/s of
//     echoed payload, and the datagrams sent.
//   server PORT: an echo server on Linux's sockets (receive, send back), the counterpart of samples/udp-echo.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

if (args is ["server", var portText])
{
    using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    server.Bind(new IPEndPoint(IPAddress.Any, int.Parse(portText)));
    var buffer = new byte[65536];
    EndPoint peer = new IPEndPoint(IPAddress.Any, 0);
    while (true)
    {
        var length = server.ReceiveFrom(buffer, ref peer);
        server.SendTo(buffer.AsSpan(0, length), SocketFlags.None, peer);
    }
}

if (args is not ["client", var host, var port, var sizeText, var secondsText, var windowText])
{
    Console.Error.WriteLine("usage: UdpEchoLoad client HOST PORT SIZE SECONDS WINDOW | server PORT");
    return 64;
}

var size = int.Parse(sizeText);
var window = int.Parse(windowText);
var duration = TimeSpan.FromSeconds(double.Parse(secondsText, System.Globalization.CultureInfo.InvariantCulture));
var address = IPAddress.Parse(host);
using var client = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
client.Connect(new IPEndPoint(address, int.Parse(port)));
var payload = new byte[size];
var reply = new byte[65536];
long sent = 0, echoed = 0;
var inFlight = 0;
var clock = Stopwatch.StartNew();
var lastReply = clock.Elapsed;
while (clock.Elapsed < duration)
{
    for (; inFlight < window; inFlight++, sent++)
    {
        client.Send(payload);
    }
    if (client.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectRead))
    {
        while (client.Available > 0)
        {
            try
            {
                client.Receive(reply);
            }
            catch (SocketException)
            {
                break; // an ICMP error for an earlier datagram
            }
            echoed++;
            inFlight = Math.Max(0, inFlight - 1);
            lastReply = clock.Elapsed;
        }
    }
    else if (clock.Elapsed - lastReply > TimeSpan.FromMilliseconds(50))
    {
        inFlight = 0; // the rest of the window was lost
    }
}
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(FormattableString.Invariant($"{echoed / seconds:F0} {echoed * size * 8 / seconds / 1e6:F1} {sent}"));
return 0;
