"""Encrypts a disk image for ccm_block, as mirage-block-ccm's ccmblock tool does: each 512-byte
sector becomes two, the AES-CCM ciphertext in the first, then the 16-byte tag, a random nonce and
random associated data in the second. Usage: python3 encrypt.py KEY PLAIN ENCRYPTED [NONCE_LEN]."""
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESCCM

SECTOR, TAG = 512, 16


def main(hex_key, plain_path, encrypted_path, nonce_len="8"):
    key = bytes.fromhex(hex_key[2:] if hex_key.startswith("0x") else hex_key)
    nonce_len = int(nonce_len)
    aes = AESCCM(key, tag_length=TAG)
    with open(plain_path, "rb") as plain, open(encrypted_path, "wb") as out:
        while sector := plain.read(SECTOR):
            sector = sector.ljust(SECTOR, b"\0")
            fill = os.urandom(SECTOR - TAG)
            sealed = aes.encrypt(fill[:nonce_len], sector, fill[nonce_len:])
            out.write(sealed + fill)


if __name__ == "__main__":
    main(*sys.argv[1:])
