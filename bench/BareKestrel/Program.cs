using System.Text;

// usage: BareKestrel PORT [aot]. The same response as the http sample's `/`, same headers.
var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var hello = Encoding.ASCII.GetBytes("Hello World!\n");
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.ListenLocalhost(port);
});
var app = builder.Build();
app.Run(context =>
{
    context.Response.ContentType = "text/plain";
    context.Response.ContentLength = hello.Length;
    return context.Response.Body.WriteAsync(hello).AsTask();
});
app.Run();
