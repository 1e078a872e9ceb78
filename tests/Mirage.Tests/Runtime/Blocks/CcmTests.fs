/// ccm_block: AES-CCM per sector in mirage-block-ccm's layout, checked against python3-cryptography
/// both ways, with a wrong key, unwritten sectors and every flipped bit of a sector refused.
module Mirage.Tests.Runtime.Blocks.CcmTests

open System
open System.IO
open Expecto
open Mirage.Tests.Support
open Mirage.Runtime.Block
open Mirage.Runtime.Ccm
open Mirage.Tests.Runtime.KeyValueSupport

let private key = "0x000102030405060708090a0b0c0d0e0f"
let private hexKey = "000102030405060708090a0b0c0d0e0f"

let private sectorOf (seed: int) =
    let data = Array.zeroCreate<byte> 512
    Random(seed).NextBytes data
    data

let private read (block: IBlock) sector =
    let buffer = Array.zeroCreate<byte> 512
    block.ReadAsync(sector, Memory buffer) |> run |> Option.ofObj, buffer

let private write (block: IBlock) sector (data: byte array) =
    match block.WriteAsync(sector, ReadOnlyMemory data) |> run with
    | null -> ()
    | error -> failtestf "write failed: %O" error

/// Runs python3 with `script`, failing the test with its output when it fails.
let private python (script: string) (args: string list) =
    let result = Processes.run "." "python3" ([ "-c"; script ] @ args)
    Expect.equal result.ExitCode 0 $"python3 succeeds: {result}"

/// Decrypts every sector of a raw image laid out as mirage-block-ccm does, into the plain file.
let private pythonDecrypt =
    """
import sys
from cryptography.hazmat.primitives.ciphers.aead import AESCCM
key, raw, plain, nonce_len = bytes.fromhex(sys.argv[1]), open(sys.argv[2], 'rb').read(), open(sys.argv[3], 'wb'), int(sys.argv[4])
aes = AESCCM(key, tag_length=16)
for i in range(0, len(raw), 1024):
    first, second = raw[i:i+512], raw[i+512:i+1024]
    tag, nonce, adata = second[:16], second[16:16+nonce_len], second[16+nonce_len:]
    plain.write(aes.decrypt(nonce, first + tag, adata))
"""

/// Encrypts every sector of the plain file into a raw image, random nonce and associated data.
let private pythonEncrypt =
    """
import sys, os
from cryptography.hazmat.primitives.ciphers.aead import AESCCM
key, plain, raw, nonce_len = bytes.fromhex(sys.argv[1]), open(sys.argv[2], 'rb').read(), open(sys.argv[3], 'wb'), int(sys.argv[4])
aes = AESCCM(key, tag_length=16)
for i in range(0, len(plain), 512):
    fill = os.urandom(512 - 16)
    nonce, adata = fill[:nonce_len], fill[nonce_len:]
    out = aes.encrypt(nonce, plain[i:i+512], adata)
    raw.write(out[:512] + out[512:] + fill)
"""

let private tempFile (length: int) =
    let path = Path.Combine(Path.GetTempPath(), $"mirage-ccm-{Guid.NewGuid():N}.img")
    File.WriteAllBytes(path, Array.zeroCreate length)
    path

[<Tests>]
let tests =
    testList
        "Runtime.Blocks.Ccm"
        [
            test "sectors read back as written; the device has half the sectors below it" {
                let raw = Ramdisk.Create 64L
                let ccm = CcmBlock.Connect(raw, key)
                Expect.equal ccm.Info.SizeSectors 32L "half"
                Expect.equal ccm.Info.SectorSize 512 "same sector size"
                let data = Array.init 3 sectorOf |> Array.concat

                match ccm.WriteAsync(5L, ReadOnlyMemory data) |> run with
                | null -> ()
                | e -> failtestf "%O" e

                let back = Array.zeroCreate<byte> data.Length
                Expect.isNull (ccm.ReadAsync(5L, Memory back) |> run) "reads"
                Expect.equal back data "same bytes"
                let below = Array.zeroCreate<byte> 512
                raw.ReadAsync(10L, Memory below) |> run |> ignore
                Expect.notEqual below (sectorOf 0) "stored encrypted"
                let error, _ = read ccm 32L
                Expect.equal (error |> Option.map _.Kind) (Some BlockErrorKind.OutOfRange) "beyond the end"
            }

            test "a wrong key is an error on the first read, and so is a sector never written" {
                let raw = Ramdisk.Create 8L
                write (CcmBlock.Connect(raw, key)) 0L (sectorOf 1)
                let other = CcmBlock.Connect(raw, "ff" + hexKey.Substring 2)
                let error, buffer = read other 0L
                Expect.isSome error "refused"
                Expect.stringContains error.Value.Message "does not decrypt" "says why"
                Expect.equal buffer (Array.zeroCreate 512) "no garbage handed out"
                let unwritten, _ = read (CcmBlock.Connect(raw, key)) 1L
                Expect.isSome unwritten "zeros are not a sector"
            }

            test "flipping any one bit of a stored sector makes its read fail" {
                let raw = Ramdisk.Create 2L
                let ccm = CcmBlock.Connect(raw, key)
                write ccm 0L (sectorOf 2)
                let stored = Array.zeroCreate<byte> 1024
                raw.ReadAsync(0L, Memory stored) |> run |> ignore
                let mutable accepted = 0

                for bit in 0 .. stored.Length * 8 - 1 do
                    let tampered = Array.copy stored
                    tampered[bit / 8] <- tampered[bit / 8] ^^^ (1uy <<< bit % 8)
                    raw.WriteAsync(0L, ReadOnlyMemory tampered) |> run |> ignore

                    match read ccm 0L with
                    | None, _ -> accepted <- accepted + 1
                    | Some _, _ -> ()

                Expect.equal accepted 0 "all 8192 one-bit changes refused"
                raw.WriteAsync(0L, ReadOnlyMemory stored) |> run |> ignore
                Expect.equal (snd (read ccm 0L)) (sectorOf 2) "the original still reads"
            }

            test "100 000 randomly mutated sector pairs: every changed one is refused, never read as data" {
                let raw = Ramdisk.Create 2L
                let ccm = CcmBlock.Connect(raw, key)
                write ccm 0L (sectorOf 3)
                let stored = Array.zeroCreate<byte> 1024
                raw.ReadAsync(0L, Memory stored) |> run |> ignore
                let random = Random 15
                let mutable changed = 0

                for _ in 1..100_000 do
                    let tampered = Array.copy stored

                    for _ in 1 .. random.Next(1, 4) do
                        tampered[random.Next tampered.Length] <- byte (random.Next 256)

                    raw.WriteAsync(0L, ReadOnlyMemory tampered) |> run |> ignore

                    match read ccm 0L with
                    | None, data when tampered <> stored -> failtestf "a changed sector read as %A" data[0..7]
                    | None, _ -> ()
                    | Some _, _ -> changed <- changed + 1

                Expect.isGreaterThan changed 99_000 "almost every mutation changes a byte"
            }

            test "python3-cryptography decrypts our sectors, and we decrypt theirs" {
                for nonceLen in [ 8; 12 ] do
                    let plain = Array.init 8 (fun i -> sectorOf (100 + i)) |> Array.concat
                    let image = tempFile (plain.Length * 2)
                    let plainOut = image + ".plain"

                    try
                        let ours = CcmBlock.Connect(FileBlock.Connect image, key, nonceLen)
                        write ours 0L plain
                        ours.DisconnectAsync().AsTask().Wait()
                        python pythonDecrypt [ hexKey; image; plainOut; string nonceLen ]
                        Expect.equal (File.ReadAllBytes plainOut) plain $"python decrypts ours (nonce {nonceLen})"
                        File.WriteAllBytes(plainOut, plain)
                        python pythonEncrypt [ hexKey; plainOut; image; string nonceLen ]
                        let theirs = CcmBlock.Connect(FileBlock.Connect image, key, nonceLen)
                        let back = Array.zeroCreate<byte> plain.Length
                        Expect.isNull (theirs.ReadAsync(0L, Memory back) |> run) "we decrypt theirs"
                        Expect.equal back plain $"same bytes (nonce {nonceLen})"
                        theirs.DisconnectAsync().AsTask().Wait()
                    finally
                        File.Delete image
                        File.Delete plainOut
            }

            test "a key that is not 16, 24 or 32 bytes of hex, or a nonce length AES-CCM lacks, is refused saying why" {
                let raw = Ramdisk.Create 2L

                let bad k =
                    (raises<ArgumentException>(fun () -> CcmBlock.Connect(raw, k) |> ignore)).Message

                Expect.stringContains (bad "0x1234") "has 2 bytes" "too short"
                Expect.stringContains (bad "zz") "not hex" "not hex"
                Expect.stringContains (bad "") "empty" "empty"

                let nonce =
                    raises<ArgumentException>(fun () -> CcmBlock.Connect(raw, key, 14) |> ignore)

                Expect.stringContains nonce.Message "7 to 13" "nonce length"
            }
        ]
