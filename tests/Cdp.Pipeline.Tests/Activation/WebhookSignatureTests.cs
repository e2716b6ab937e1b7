using System.Text;
using Cdp.Pipeline.Activation;

namespace Cdp.Pipeline.Tests.Activation;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"changes":[]}""");

    [Fact]
    public void The_signature_is_the_hex_hmac_of_the_timestamp_a_dot_and_the_body()
    {
        // python3 -c "import hmac,hashlib; print(hmac.new(b'S', b'1700000000.{\"changes\":[]}', hashlib.sha256).hexdigest())"
        Assert.Equal("t=1700000000,v1=d342b3d3984af175964863dadc96a066804424b61948fb0f2b1bccd8c52c974c", WebhookSignature.Sign("S", 1_700_000_000, Body));
    }

    [Fact]
    public void A_receiver_accepts_only_the_right_secret_body_and_a_recent_timestamp()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var header = WebhookSignature.Sign("S", now.ToUnixTimeSeconds(), Body);
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.Verify("S", header, Body, now.AddMinutes(1), tolerance));
        Assert.False(WebhookSignature.Verify("T", header, Body, now, tolerance));
        Assert.False(WebhookSignature.Verify("S", header, Encoding.UTF8.GetBytes("""{"changes":[1]}"""), now, tolerance));
        Assert.False(WebhookSignature.Verify("S", header, Body, now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignature.Verify("S", "t=1700000000", Body, now, tolerance));
        Assert.False(WebhookSignature.Verify("S", null, Body, now, tolerance));
    }
}
