using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Arp;
using Mirage.Runtime.Tcpip.Dhcp;
using Mirage.Runtime.Tcpip.Ethernet;
using Mirage.Runtime.Tcpip.Ipv4;
using Mirage.Runtime.Tcpip.Ipv6;
using Mirage.Runtime.Tcpip.Netif;
using Mirage.Runtime.Tcpip.Tcp;
using Mirage.Runtime.Tcpip.Udp;

namespace Mirage.Runtime.Tcpip.Stack;

/// <summary>
/// Our network stack on one interface (upstream's <c>Tcpip_stack_direct</c>): Ethernet, ARP, IPv4 (static or DHCP),
/// IPv6, UDP and TCP. It owns the receive loop and one clock that ticks every layer's timers (TCP runs its own).
/// </summary>
public sealed class DirectStack : IAsyncDisposable, IStackV4V6
{
    private static readonly LogSource Log = new("tcpip-stack");

    private readonly CancellationTokenSource _stop = new();
    private ITimer? _clock;
    private Task _listening = Task.CompletedTask;
    private readonly DhcpIpv4Layer? _dhcp;

    private DirectStack(INetif netif, TimeProvider time, EthernetLayer ethernet, ArpLayer arp, Ipv4Layer? ipv4, DhcpIpv4Layer? dhcp, Ipv6Layer? ipv6, TcpSettings tcp)
    {
        Netif = netif;
        Ethernet = ethernet;
        Arp = arp;
        _dhcp = dhcp;
        Ipv4 = dhcp?.Ipv4 ?? ipv4;
        Ipv6 = ipv6;
        Ip = new DualIp((IIpLayer?)dhcp ?? ipv4, ipv6);
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
        var dhcp = options.Dhcp && !options.Ipv6Only ? DhcpIpv4Layer.Connect(ethernet, arp, time) : null;
        var ipv4 = options.Ipv6Only || dhcp is not null ? null : Ipv4Layer.Connect(ethernet, arp, time, options.Ipv4);
        var ipv6 = options.Ipv4Only ? null : Ipv6Layer.Connect(ethernet, time, options.Ipv6);
        var stack = new DirectStack(netif, time, ethernet, arp, ipv4, dhcp, ipv6, options.Tcp);
        // Our interfaces say when a batch of frames ends: TCP then wakes each reader once for the whole batch.
        stack._listening = netif is IBatchingNetif batching
            ? batching.ListenAsync(ethernet.InputAsync, stack.Tcp.EndOfBatch, stack._stop.Token)
            : netif.ListenAsync(ethernet.InputAsync, stack._stop.Token);
        stack._clock = time.CreateTimer(_ => stack.Tick(), null, options.TickInterval, options.TickInterval);
        if (dhcp is not null)
        {
            dhcp.Start();
            try
            {
                await dhcp.FirstLease.WaitAsync(options.DhcpTimeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await stack.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return stack;
    }

    private void Tick()
    {
        try
        {
            Arp.Tick();
            if (_dhcp is { } dhcp)
            {
                dhcp.Tick();
            }
            else
            {
                Ipv4?.Tick();
            }
            Ipv6?.Tick();
        }
        catch (Exception e)
        {
            Log.Error($"a timer of the stack failed: {e}");
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
