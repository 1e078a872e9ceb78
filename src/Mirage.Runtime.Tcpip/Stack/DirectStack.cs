using System.Buffers;
using System.Net;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Arp;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Dhcp;
using Mirage.Runtime.Tcpip.Ethernet;
using Mirage.Runtime.Tcpip.Ipv4;
using Mirage.Runtime.Tcpip.Ipv6;
using Mirage.Runtime.Tcpip.Tcp;
using Mirage.Runtime.Tcpip.Udp;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Stack;

/// <summary>
/// Our network stack on one interface (upstream's <c>Tcpip_stack_direct</c>): Ethernet, ARP, IPv4 (static or DHCP),
/// IPv6, UDP and TCP. It owns the receive loop and one clock that ticks every layer's timers (TCP runs its own).
/// </summary>
public sealed class DirectStack : IAsyncDisposable, IStackV4V6
{
    private static readonly LogSource Log = new("tcpip-stack");

    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private ITimer? _clock;
    private Task _listening = Task.CompletedTask;
    private DhcpClient? _dhcp;
    private readonly TaskCompletionSource<DhcpLease> _firstLease = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DirectStack(INetif netif, TimeProvider time, EthernetLayer ethernet, ArpLayer arp, Ipv4Layer? ipv4, Ipv6Layer? ipv6, TcpSettings tcp)
    {
        Netif = netif;
        _time = time;
        Ethernet = ethernet;
        Arp = arp;
        Ipv4 = ipv4;
        Ipv6 = ipv6;
        Ip = new DualIp(ipv4, ipv6);
        Udp = UdpLayer.Connect(Ip, time);
        Tcp = TcpLayer.Connect(Ip, time, tcp);
        TcpipMetrics.Register(this);
    }

    /// <summary>The interface.</summary>
    public INetif Netif { get; }

    /// <summary>The Ethernet layer.</summary>
    public EthernetLayer Ethernet { get; }

    /// <summary>The ARP layer.</summary>
    public ArpLayer Arp { get; }

    /// <summary>IPv4, unless <c>--ipv6-only</c>.</summary>
    public Ipv4Layer? Ipv4 { get; }

    /// <summary>IPv6, unless <c>--ipv4-only</c>.</summary>
    public Ipv6Layer? Ipv6 { get; }

    /// <summary>Both IP layers as one.</summary>
    public DualIp Ip { get; }

    /// <summary>UDP over both families.</summary>
    public UdpLayer Udp { get; }

    /// <summary>TCP over both families.</summary>
    public TcpLayer Tcp { get; }

    ITcp IStackV4V6.Tcp => Tcp;

    IUdp IStackV4V6.Udp => Udp;

    IIp IStackV4V6.Ip => Ip;

    ValueTask IStackV4V6.DisconnectAsync() => DisposeAsync();

    /// <summary>The DHCP lease, with <c>--dhcp</c> (the gateway and DNS servers for the resolver).</summary>
    public DhcpLease? Lease => _dhcp?.Lease;

    /// <summary>
    /// Builds the stack on <paramref name="netif"/> and starts it; with <see cref="DirectStackOptions.Dhcp"/>, returns
    /// once a lease is bound (or throws <see cref="TimeoutException"/> after <see cref="DirectStackOptions.DhcpTimeout"/>).
    /// Throws <see cref="ArgumentException"/> naming the argument when the options are invalid.
    /// </summary>
    public static async Task<DirectStack> ConnectAsync(INetif netif, DirectStackOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }
        time ??= TimeProvider.System;
        var ethernet = EthernetLayer.Connect(netif);
        var arp = ArpLayer.Connect(ethernet, time);
        var ipv4 = options.Ipv6Only ? null : Ipv4Layer.Connect(ethernet, arp, time, options.Dhcp ? Ipv4Config.Unconfigured : options.Ipv4);
        var ipv6 = options.Ipv4Only ? null : Ipv6Layer.Connect(ethernet, time, options.Ipv6);
        var stack = new DirectStack(netif, time, ethernet, arp, ipv4, ipv6, options.Tcp);
        stack._listening = netif.ListenAsync(ethernet.InputAsync, stack._stop.Token);
        stack._clock = time.CreateTimer(_ => stack.Tick(), null, options.TickInterval, options.TickInterval);
        if (options.Dhcp && ipv4 is not null)
        {
            stack.StartDhcp();
            try
            {
                await stack._firstLease.Task.WaitAsync(options.DhcpTimeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await stack.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return stack;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Tick()
    {
        try
        {
            Arp.Tick();
            Ipv4?.Tick();
            Ipv6?.Tick();
            if (_dhcp is { } dhcp)
            {
                DhcpSend? send;
                bool changed;
                lock (dhcp)
                {
                    send = dhcp.Tick(Now, out changed);
                }
                AfterDhcp(send, changed);
            }
        }
        catch (Exception e)
        {
            Log.Error($"a timer of the stack failed: {e}");
        }
    }

    private void StartDhcp()
    {
        var dhcp = new DhcpClient(Netif.Mac, (int)Netif.Mac.Value ^ Environment.TickCount);
        _dhcp = dhcp;
        Udp.Listen(DhcpMessage.ClientPort, datagram =>
        {
            if (DhcpMessage.TryParse(datagram.Payload.Span, out var message))
            {
                DhcpSend? send;
                bool changed;
                lock (dhcp)
                {
                    send = dhcp.Handle(Now, message, out changed);
                }
                AfterDhcp(send, changed);
            }
            return ValueTask.CompletedTask;
        });
        DhcpSend first;
        lock (dhcp)
        {
            first = dhcp.Start(Now);
        }
        AfterDhcp(first, false);
    }

    private void AfterDhcp(DhcpSend? send, bool leaseChanged)
    {
        if (leaseChanged && Ipv4 is { } ipv4)
        {
            var lease = _dhcp!.Lease;
            if (lease is null)
            {
                Log.Warning("DHCP lease lost; looking for a server again");
                ipv4.Reconfigure(Ipv4Config.Unconfigured);
            }
            else
            {
                Log.Info($"DHCP lease {lease.Address} gateway {lease.Gateway?.ToString() ?? "none"} from {lease.Server}");
                ipv4.Reconfigure(new Ipv4Config(lease.Address, lease.Gateway));
                _firstLease.TrySetResult(lease);
            }
        }
        if (send is not { } s)
        {
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(s.Message.MaxLength);
        try
        {
            var length = s.Message.Write(buffer);
            var destination = s.Server == 0 ? IPAddress.Broadcast : Addresses.FromV4(s.Server);
            var source = s.Server == 0 && s.Message.ClientIp == 0 ? IPAddress.Any : null;
            _ = Udp.WriteAsync(new IPEndPoint(destination, DhcpMessage.ServerPort), buffer.AsMemory(0, length), source, DhcpMessage.ClientPort);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Stops the clock, the receive loop and the interface.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        _stop.Cancel();
        _clock?.Dispose();
        await Tcp.DisconnectAsync().ConfigureAwait(false);
        await Udp.DisconnectAsync().ConfigureAwait(false);
        await Netif.DisconnectAsync().ConfigureAwait(false);
        try
        {
            await _listening.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
